// The session object auth-js keeps in storage, and the guard that decides whether a value is one.

/** The JSON auth-js stores under the storage key (a GoTrue token response plus `expires_at`). */
export interface SupabaseStoredSession {
  access_token: string;
  refresh_token: string;
  /** Unix time in whole seconds. */
  expires_at: number;
  expires_in?: number;
  token_type?: string;
  user?: Record<string, unknown> | null;
  [key: string]: unknown;
}

/**
 * Whether a parsed value is a usable stored session: a plain object with non-empty string
 * `access_token` and `refresh_token`, an integer `expires_at`, and correctly typed optional
 * fields. An object that carries `error` / `error_code` is never a session, whatever else it
 * holds: an error body must not count as a login (next-auth GHSA-8fpg-xm3f-6cx3).
 *
 * @example
 * isSupabaseStoredSession(JSON.parse('{"error":"invalid_grant"}')); // → false
 */
export function isSupabaseStoredSession(value: unknown): value is SupabaseStoredSession {
  if (!isPlainRecord(value)) return false;
  if ('error' in value || 'error_code' in value) return false;
  const { access_token, refresh_token, expires_at, expires_in, token_type, user } = value;
  return (
    typeof access_token === 'string' &&
    access_token !== '' &&
    typeof refresh_token === 'string' &&
    refresh_token !== '' &&
    Number.isSafeInteger(expires_at) &&
    (expires_in === undefined || (typeof expires_in === 'number' && Number.isFinite(expires_in))) &&
    (token_type === undefined || typeof token_type === 'string') &&
    (user === undefined || user === null || isPlainRecord(user))
  );
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
