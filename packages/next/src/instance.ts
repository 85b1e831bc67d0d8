// Where an adapter entry gets its Lockstep instance: given, built from options, or built lazily on first use.
import { createLockstep, type Lockstep, type LockstepEffects, type LockstepOptions } from '@lockstep/core';

/**
 * Options, a ready instance, or a function returning either. The function form defers creation to
 * the first request: use it when the settings come from the environment at run time (Next imports
 * these modules during `next build`, where run-time variables may be absent).
 */
export type LockstepSource = LockstepOptions | Lockstep | (() => LockstepOptions | Lockstep);

/** The request header the proxy forwards with the request's path and query (never trusted for access decisions). */
export const PATH_HEADER = 'x-lockstep-path';

/** Resolves a source into one instance, created once (lazily for the function form). */
export function instanceFrom(source: LockstepSource, effects?: LockstepEffects): () => Lockstep {
  if (typeof source !== 'function') {
    const instance = toInstance(source, effects);
    return () => instance;
  }
  let instance: Lockstep | undefined;
  return () => (instance ??= toInstance(source(), effects));
}

function toInstance(value: LockstepOptions | Lockstep, effects?: LockstepEffects): Lockstep {
  return typeof (value as Partial<Lockstep>).handle === 'function' ? (value as Lockstep) : createLockstep({ caseSensitive: true, ...(value as LockstepOptions) }, effects); // Next routes case-sensitively
}
