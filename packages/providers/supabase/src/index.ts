// @lockstep/supabase: Lockstep on Supabase Auth. Re-exports only.
export { supabase } from './supabase.js';
export { createSupabaseLockstep, withSupabase } from './with-supabase.js';
export { fromSetup, type LockstepSetup } from './lockstep-setup.js';
export type { SupabaseCookieSettings, SupabaseJwtSettings, SupabaseLockstepOptions, SupabaseSettings } from './supabase-options.js';
export type { SupabaseProvider } from './supabase-provider.js';
export type { SupabaseClient } from '@supabase/supabase-js';
export { createAuthenticatedClient } from './bound-client.js';
export type { SessionCookieEncoding } from './session-cookie.js';
