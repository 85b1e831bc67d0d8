// A supabase-js client that acts as the verified user (RLS applies) and can never refresh or write cookies.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';

/**
 * Creates a client for database, storage and functions calls on behalf of a verified session.
 * It is given the access token through supabase-js's `accessToken` option, which turns its `auth`
 * namespace off: it holds no refresh token, so it can never spend one (DESIGN §3.9). Create one
 * per request from the session the middleware or guard verified.
 *
 * @example
 * const auth = await lockstep.verifyRequest(request);
 * if (auth.kind === 'authenticated') {
 *   const db = createAuthenticatedClient({ url: SUPABASE_URL, key: SUPABASE_ANON_KEY }, auth.session.accessToken);
 *   const { data } = await db.from('todos').select();
 * }
 */
export function createAuthenticatedClient(
  project: { readonly url: string; readonly key: string },
  accessToken: string,
  options: { readonly fetch?: typeof fetch } = {},
): SupabaseClient {
  return createClient(project.url, project.key, {
    accessToken: () => Promise.resolve(accessToken),
    ...(options.fetch === undefined ? {} : { global: { fetch: options.fetch } }),
  });
}
