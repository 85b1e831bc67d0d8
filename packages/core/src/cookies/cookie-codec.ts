// The Cookie / Set-Cookie wire format, through `cookie` (jshttp): the parser and serializer
// @supabase/ssr itself delegates to, so Lockstep reads and writes cookies exactly as the browser
// clients of every provider do (the Supabase provider's interop tests pin this against @supabase/ssr).
import { parse, serialize, type SerializeOptions } from 'cookie';
import type { RequestCookie } from './request-cookies.js';

/** A `Cookie` header's pairs, values URI-decoded; a repeated name keeps its first value. */
export function parseCookiePairs(header: string): RequestCookie[] {
  const parsed = parse(header);
  return Object.keys(parsed).map((name) => ({ name, value: parsed[name] ?? '' }));
}

/** One `Set-Cookie` line (the value URI-encoded). Throws a TypeError on a name, value or attribute no browser accepts. */
export function serializeSetCookie(name: string, value: string, options: SerializeOptions): string {
  return serialize(name, value, options);
}

/** The attributes @supabase/ssr's browser client writes by default, which Lockstep keeps as its own. */
export const BROWSER_CLIENT_COOKIE_DEFAULTS = Object.freeze({ path: '/', httpOnly: false, maxAge: 400 * 24 * 60 * 60 });
