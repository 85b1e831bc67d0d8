// What the adapters accept: the engine's options, the one-object Supabase options, or an instance.
import { isLockstep, type Lockstep, type LockstepOptions } from '@lockstep/core';
import type { SupabaseLockstepOptions } from './supabase-options.js';
import { withSupabase } from './with-supabase.js';

/** An adapter's setup: `{ provider, … }`, `{ supabaseUrl, supabaseKey, … }`, or a ready instance. */
export type LockstepSetup = LockstepOptions | SupabaseLockstepOptions | Lockstep;

/**
 * The engine's options (or the instance) for an adapter's setup: the one-object Supabase form goes
 * through `withSupabase`; the rest is passed on as is.
 */
export function fromSetup(setup: LockstepSetup): LockstepOptions | Lockstep {
  if (isLockstep(setup)) return setup;
  if (typeof setup === 'object' && setup !== null && (setup as { provider?: unknown }).provider !== undefined) return setup as LockstepOptions;
  return withSupabase(setup as SupabaseLockstepOptions);
}
