// Where an adapter entry gets its Lockstep instance: given, or built from options on first use.
import { instanceFrom as coreInstanceFrom, isLockstep, type Lockstep, type LockstepEffects } from '@lockstep/core';
import { fromSetup, type LockstepSetup } from '@lockstep/supabase';

/**
 * Options, a ready instance, or a function returning either. Options (and the function form) are
 * validated and turned into an instance at the first request, not when the module is imported:
 * Next imports proxy and route modules during `next build`, where run-time settings such as
 * `SUPABASE_URL` are often absent (CI, Docker image builds). Pass `createSupabaseLockstep({ caseSensitive: true,
 * ...options })` (from `@lockstep/supabase`) for the eager form: the options are then checked at import,
 * build included (`caseSensitive`, as Next's router is; the adapter adds it only to options it creates from).
 */
export type LockstepSource = LockstepSetup | (() => LockstepSetup);

/** The request header the proxy forwards with the request's path and query (never trusted for access decisions). */
export const PATH_HEADER = 'x-lockstep-path';

/**
 * Resolves a source into one instance: a given instance as is, anything else created once, at the
 * first call. A creation that throws (invalid options) is retried on the next call, so a request
 * fails with the configuration error until the environment is fixed, and no half-made instance is kept.
 */
export function instanceFrom(source: LockstepSource, effects?: LockstepEffects): () => Lockstep {
  if (isLockstep(source)) return () => source;
  let instance: Lockstep | undefined;
  // Next routes case-sensitively.
  return () => (instance ??= coreInstanceFrom(fromSetup(typeof source === 'function' ? source() : source), { caseSensitive: true }, effects));
}
