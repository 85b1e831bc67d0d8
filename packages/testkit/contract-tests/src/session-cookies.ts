// The browser's side of the cookie contract: @supabase/ssr's wire format, written and read with its own helpers.
import { combineChunks, createChunks, stringFromBase64URL, stringToBase64URL } from '@supabase/ssr';

const BASE64_PREFIX = 'base64-';

/** A parsed `Set-Cookie` line (attributes lower-cased). */
export interface SetCookieLine {
  readonly name: string;
  readonly value: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly deletes: boolean;
}

/** The `Cookie` header `createBrowserClient` would send for a stored session (chunked past 3180 characters). */
export function sessionCookieHeader(storageKey: string, session: object): string {
  const value = BASE64_PREFIX + stringToBase64URL(JSON.stringify(session));
  return createChunks(storageKey, value)
    .map((chunk) => `${chunk.name}=${chunk.value}`)
    .join('; ');
}

/** Parses `Set-Cookie` lines as a browser would (value URI-decoded; `Max-Age=0` deletes). */
export function parseSetCookies(lines: readonly string[]): SetCookieLine[] {
  return lines.map((line) => {
    const [pair = '', ...rest] = line.split(';');
    const index = pair.indexOf('=');
    const attributes = new Map<string, string>();
    for (const attribute of rest) {
      const [key = '', ...value] = attribute.trim().split('=');
      attributes.set(key.toLowerCase(), value.join('='));
    }
    return {
      name: pair.slice(0, index).trim(),
      value: decodeURIComponent(pair.slice(index + 1).trim()),
      attributes,
      deletes: attributes.get('max-age') === '0',
    };
  });
}

/** The `Cookie` header a browser sends after applying `setCookie` lines to the cookies of `cookieHeader`. */
export function nextCookieHeader(cookieHeader: string, setCookie: readonly string[]): string {
  const jar = new Map<string, string>();
  for (const pair of cookieHeader === '' ? [] : cookieHeader.split('; ')) {
    const index = pair.indexOf('=');
    jar.set(pair.slice(0, index), pair.slice(index + 1));
  }
  for (const line of parseSetCookies(setCookie)) {
    if (line.deletes) jar.delete(line.name);
    else jar.set(line.name, encodeURIComponent(line.value));
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** The session stored in a `Cookie` header, decoded the way `@supabase/ssr` reads it; `null` when absent. */
export async function readSessionCookie(storageKey: string, cookieHeader: string): Promise<StoredSession | null> {
  const values = new Map<string, string>();
  for (const pair of cookieHeader === '' ? [] : cookieHeader.split('; ')) {
    const index = pair.indexOf('=');
    values.set(pair.slice(0, index), decodeURIComponent(pair.slice(index + 1)));
  }
  const joined = await combineChunks(storageKey, (name) => values.get(name) ?? null);
  if (joined === null || joined === '') return null;
  const json = joined.startsWith(BASE64_PREFIX) ? stringFromBase64URL(joined.slice(BASE64_PREFIX.length)) : joined;
  return JSON.parse(json) as StoredSession;
}

/** The fields of a stored session the scenarios look at. */
export interface StoredSession {
  readonly access_token: string;
  readonly refresh_token: string;
  readonly expires_at: number;
  readonly user: { readonly id: string; readonly email?: string; readonly user_metadata?: Record<string, unknown> } | null;
}
