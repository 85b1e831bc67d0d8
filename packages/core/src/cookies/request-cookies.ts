// Reads the `Cookie` request header into name/value pairs and renders such pairs back into one.
import { parseCookiePairs } from './cookie-codec.js';

/** One cookie as the browser sent it: the name as-is, the value URI-decoded. */
export interface RequestCookie {
  readonly name: string;
  readonly value: string;
}

/**
 * Parses a `Cookie` request header exactly as `@supabase/ssr`'s `parseCookieHeader` does (same parser), so Lockstep and a
 * `createServerClient` fed from the same header see the same cookies. Never throws.
 *
 * - Values are URI-decoded (a value with a broken `%` escape is kept as sent); names are not.
 * - Duplicate names: the **first** occurrence wins, as in `cookie@1` and browsers' own ordering
 *   (the most specific path is sent first).
 * - Order follows the header, except that names which look like array indices (`"0"`, `"12"`)
 *   come first: the parser collects into a plain object.
 *
 * @example
 * parseRequestCookies(request.headers.get('cookie'));
 * // → [{ name: 'sb-abc-auth-token', value: 'base64-eyJ…' }, { name: 'theme', value: 'dark' }]
 */
export function parseRequestCookies(cookieHeader: string | null): RequestCookie[] {
  // A runtime guard as well as a type: adapters hand us whatever their framework returns.
  if (typeof cookieHeader !== 'string' || cookieHeader === '') return [];
  return parseCookiePairs(cookieHeader);
}

/**
 * Renders cookies as a `Cookie` request header (`a=1; b=2`) for code downstream of the middleware.
 * Values are URI-encoded exactly as `serializeCookieHeader` encodes them in `Set-Cookie`, so
 * `parseRequestCookies(formatRequestCookieHeader(c))` returns `c` (duplicates aside). A value
 * that arrived raw with reserved characters (e.g. `a+b`) is re-sent encoded (`a%2Bb`); decoding
 * parsers read the same value either way.
 *
 * @example
 * formatRequestCookieHeader([{ name: 'a', value: 'x y' }]); // → 'a=x%20y'
 */
export function formatRequestCookieHeader(cookies: readonly RequestCookie[]): string {
  return cookies.map(({ name, value }) => `${name}=${encodeCookieValue(value)}`).join('; ');
}

// Lone UTF-16 surrogates: the one input on which encodeURIComponent throws.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function encodeCookieValue(value: string): string {
  // A header string cannot produce a lone surrogate, but a caller-built RequestCookie can; render
  // it as U+FFFD rather than throw while forwarding a request.
  return encodeURIComponent(value.replace(LONE_SURROGATE, '\uFFFD'));
}
