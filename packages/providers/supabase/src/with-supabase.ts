// The one-object Supabase setup (`{ supabaseUrl, supabaseKey, routes, … }`) split into the engine's
// options and the provider's settings: what the adapters' one-line setup runs through.
import { createLockstep, LockstepError, type Lockstep, type LockstepEffects, type LockstepOptions } from '@lockstep/core';
import { supabase } from './supabase.js';
import type { SupabaseLockstepOptions } from './supabase-options.js';
import type { SupabaseProvider } from './supabase-provider.js';

/**
 * Turns the one-object Supabase options into the engine's options with `provider: supabase(…)`.
 *
 * @example
 * const options = withSupabase({ supabaseUrl, supabaseKey, routes: [{ match: '/', access: 'public' }] });
 */
export function withSupabase(options: SupabaseLockstepOptions): LockstepOptions<SupabaseProvider> {
  if (typeof options !== 'object' || options === null) throw new LockstepError('ERR_CONFIG_INVALID', 'Lockstep needs an options object such as { supabaseUrl, supabaseKey, routes }.');
  if ((options as { provider?: unknown }).provider !== undefined) {
    throw new LockstepError('ERR_CONFIG_INVALID', 'Use either provider or supabaseUrl/supabaseKey, not both.');
  }
  const { supabaseUrl, supabaseKey, jwt, cookies, ...base } = options;
  const { name, encoding, ...attributes } = cookies ?? {};
  const cookieSettings = { ...(name === undefined ? {} : { name }), ...(encoding === undefined ? {} : { encoding }) };
  return {
    ...base,
    ...(cookies === undefined ? {} : { cookies: attributes }),
    provider: supabase({ supabaseUrl, supabaseKey, ...(jwt === undefined ? {} : { jwt }), ...(cookies === undefined ? {} : { cookies: cookieSettings }) }),
  };
}

/**
 * `createLockstep` on Supabase from the one-object options.
 *
 * @example
 * const lockstep = createSupabaseLockstep({ supabaseUrl, supabaseKey, routes: [{ match: '/', access: 'public' }] });
 * const outcome = await lockstep.handle(request);
 */
export function createSupabaseLockstep(options: SupabaseLockstepOptions, effects?: LockstepEffects): Lockstep<SupabaseProvider> {
  return createLockstep(withSupabase(options), effects);
}
