// Where an adapter entry gets its Lockstep instance: given, or built from options on first use.
import { createLockstep, type Lockstep, type LockstepEffects, type LockstepOptions } from '@lockstep/core';

/**
 * Options, a ready instance, or a function returning either. Options (and the function form) are
 * validated and turned into an instance at the first request, not when the module is imported:
 * Next imports proxy and route modules during `next build`, where run-time settings such as
 * `SUPABASE_URL` are often absent (CI, Docker image builds). Pass `createLockstep({ caseSensitive: true,
 * ...options })` (from `@lockstep/core`) for the eager form: the options are then checked at import,
 * build included (`caseSensitive`, as Next's router is; the adapter adds it only to options it creates from).
 */
export type LockstepSource = LockstepOptions | Lockstep | (() => LockstepOptions | Lockstep);

/** The request header the proxy forwards with the request's path and query (never trusted for access decisions). */
export const PATH_HEADER = 'x-lockstep-path';

/**
 * Resolves a source into one instance: a given instance as is, anything else created once, at the
 * first call. A creation that throws (invalid options) is retried on the next call, so a request
 * fails with the configuration error until the environment is fixed, and no half-made instance is kept.
 */
export function instanceFrom(source: LockstepSource, effects?: LockstepEffects): () => Lockstep {
  if (isInstance(source)) return () => source;
  let instance: Lockstep | undefined;
  return () => (instance ??= toInstance(typeof source === 'function' ? source() : source, effects));
}

function isInstance(value: LockstepSource): value is Lockstep {
  return typeof value === 'object' && value !== null && typeof (value as Partial<Lockstep>).handle === 'function';
}

function toInstance(value: LockstepOptions | Lockstep, effects?: LockstepEffects): Lockstep {
  return isInstance(value) ? value : createLockstep({ caseSensitive: true, ...value }, effects); // Next routes case-sensitively
}
