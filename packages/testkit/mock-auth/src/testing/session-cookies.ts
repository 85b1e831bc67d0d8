// A session as @supabase/ssr stores it in cookies: `sb-<ref>-auth-token`, `base64-` + base64url(JSON), chunked.
import { createChunks } from '@supabase/ssr';
import type { AccessTokenResponse } from '../sessions.js';

/** A cookie's name and value (no attributes). */
export interface NameValue {
  readonly name: string;
  readonly value: string;
}

/** The cookie name supabase-js uses for a project URL: `sb-` + the hostname's first label + `-auth-token`. */
export function storageKeyFor(supabaseUrl: string | URL): string {
  const hostname = new URL(supabaseUrl).hostname;
  return `sb-${hostname.split('.')[0] ?? ''}-auth-token`;
}

/**
 * The cookies `@supabase/ssr` writes for `session` in a project at `supabaseUrl`, chunked by its own
 * `createChunks` (`.0`, `.1`, … once the encoded value passes 3180 characters).
 *
 * @example
 * sessionCookies(await mock.controls.issueSession('ada@example.com'), mock.url);
 * // → [{ name: 'sb-127-auth-token', value: 'base64-eyJhY2Nlc3NfdG9rZW4iOi…' }]
 */
export function sessionCookies(session: AccessTokenResponse, supabaseUrl: string | URL): NameValue[] {
  const value = `base64-${Buffer.from(JSON.stringify(session), 'utf8').toString('base64url')}`;
  return createChunks(storageKeyFor(supabaseUrl), value);
}

/** `name=value; name=value`, as a browser sends them in `Cookie`. */
export function cookieHeader(cookies: readonly NameValue[]): string {
  return cookies.map(({ name, value }) => `${name}=${value}`).join('; ');
}
