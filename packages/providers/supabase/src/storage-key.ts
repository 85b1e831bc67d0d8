// The default cookie name of a Supabase project, derived from its URL the way supabase-js does.
import { LockstepError } from '@lockstep/core';

/**
 * The storage key supabase-js 2.x uses when `auth.storageKey` is not set:
 * `sb-<first DNS label of the Supabase URL's host>-auth-token` (`SupabaseClient` constructor).
 * Like supabase-js it accepts only http(s) URLs; anything else throws
 * `LockstepError('ERR_CONFIG_URL')`.
 *
 * @example
 * supabaseStorageKey('https://abcdefgh.supabase.co'); // → 'sb-abcdefgh-auth-token'
 * supabaseStorageKey('http://127.0.0.1:54321');       // → 'sb-127-auth-token'
 */
export function supabaseStorageKey(supabaseUrl: string | URL): string {
  const url = toUrl(supabaseUrl);
  // supabase-js splits `URL.hostname` on "." and keeps the first piece.
  const firstLabel = url.hostname.split('.')[0] ?? '';
  return `sb-${firstLabel}-auth-token`;
}

function toUrl(supabaseUrl: string | URL): URL {
  // Same acceptance as supabase-js's validateSupabaseUrl: trimmed, http(s) scheme, parseable.
  const text = supabaseUrl instanceof URL ? supabaseUrl.href : String(supabaseUrl).trim();
  if (!/^https?:\/\//i.test(text)) {
    throw new LockstepError('ERR_CONFIG_URL', 'Supabase URL must be an http(s) URL');
  }
  try {
    return new URL(text);
  } catch (cause) {
    throw new LockstepError('ERR_CONFIG_URL', 'Supabase URL is malformed', { cause });
  }
}
