// Tells a Supabase API key sent as a Bearer token from a user's access token.
import { fromBase64Url } from './base64url.js';

const KEY_PREFIXES = ['sb_publishable_', 'sb_secret_'];
const KEY_ROLES = new Set(['anon', 'service_role']);

/**
 * True for the project's API keys: the new `sb_publishable_…` / `sb_secret_…` keys and the legacy
 * `anon` / `service_role` JWTs (a `role` of that name and no `sub`: they name no user). supabase-js
 * sends the key as `Authorization: Bearer` whenever no user is signed in, so an app's own browser
 * code does it on every anonymous call. Decoded without verification: the answer only decides that
 * the header is ignored, never that anyone is let in.
 *
 * @example
 * isApiKeyToken('sb_publishable_abc'); // → true
 */
export function isApiKeyToken(token: string): boolean {
  if (KEY_PREFIXES.some((prefix) => token.startsWith(prefix))) return true;
  const payload = token.split('.')[1];
  if (payload === undefined) return false;
  try {
    const claims = JSON.parse(fromBase64Url(payload)) as unknown;
    if (typeof claims !== 'object' || claims === null) return false;
    const { role, sub } = claims as { role?: unknown; sub?: unknown };
    return typeof role === 'string' && KEY_ROLES.has(role) && sub === undefined;
  } catch {
    return false;
  }
}
