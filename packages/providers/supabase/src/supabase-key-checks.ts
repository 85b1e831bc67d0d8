// Boot-time checks of the Supabase settings that, left alone, would leak a secret or fail on every request.
import { LockstepError } from '@lockstep/core';

// RFC 6265 §4.1.1 cookie-name: an RFC 7230 token.
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const MIN_JWT_SECRET_LENGTH = 32;

/**
 * The key must be the publishable (anon) key: a `service_role` JWT or an `sb_secret_…` key
 * bypasses Row Level Security and would be sent with every auth call (and to the browser by
 * apps that reuse the setting). The JWT's payload is read without verification, only to refuse it.
 */
export function assertPublishableKey(key: string): void {
  if (key.startsWith('sb_secret_')) throw secretKeyError();
  const payload = key.split('.')[1];
  if (payload === undefined) return;
  try {
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)))) as unknown;
    if (typeof claims === 'object' && claims !== null && (claims as { role?: unknown }).role === 'service_role') throw secretKeyError();
  } catch (error) {
    if (error instanceof LockstepError) throw error;
    // Not a JWT payload: an opaque key, judged by the auth server.
  }
}

/** The project URL is the origin Supabase gives (`https://<ref>.supabase.co`), not the auth API path. */
export function assertProjectUrl(url: URL): void {
  if (url.pathname !== '/' && url.pathname !== '') {
    throw new LockstepError('ERR_CONFIG_URL', 'supabaseUrl must be the project URL without a path (e.g. https://<ref>.supabase.co); Lockstep adds /auth/v1 itself.');
  }
}

/** `cookies.name` and `cookies.encoding`, as `@supabase/ssr` would write them. */
export function assertCookieSettings(name: unknown, encoding: unknown): void {
  if (name !== undefined && (typeof name !== 'string' || !COOKIE_NAME.test(name))) {
    throw new LockstepError('ERR_CONFIG_COOKIE', 'cookies.name must be a non-empty cookie token (letters, digits and !#$%&\'*+-.^_`|~; no spaces, ";", "=" or quotes).');
  }
  if (encoding !== undefined && encoding !== 'base64url' && encoding !== 'raw') {
    throw new LockstepError('ERR_CONFIG_COOKIE', 'cookies.encoding must be "base64url" or "raw".');
  }
}

/** A legacy HS256 secret is at least 32 characters (GoTrue's own minimum); shorter ones are brute-forceable. */
export function assertJwtSecret(secret: unknown): void {
  if (secret === undefined) return;
  if (typeof secret !== 'string' || secret.length < MIN_JWT_SECRET_LENGTH) {
    throw new LockstepError('ERR_CONFIG_INVALID', `jwt.secret must be a string of at least ${MIN_JWT_SECRET_LENGTH} characters (the project's JWT secret).`);
  }
}

function secretKeyError(): LockstepError {
  return new LockstepError('ERR_CONFIG_INVALID', 'supabaseKey must be the publishable (anon) key, never a secret or service_role key.');
}
