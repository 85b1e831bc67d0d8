// What a response's Set-Cookie does to the @supabase/ssr session cookies: which it writes, which it deletes,
// and the session the written ones hold once their chunks are joined again.

/** The auth cookies a response writes (by name, last write wins) and the ones it deletes. */
export interface AuthCookieWrites {
  readonly written: ReadonlyMap<string, string>;
  readonly deleted: ReadonlySet<string>;
}

/** The part of a stored session the matchers compare (never printed). */
export interface StoredSession {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly userId: string;
}

// `sb-<ref>-auth-token` or one of its chunks `.0`, `.1`, …; not the PKCE `-code-verifier` cookie.
const AUTH_COOKIE = /^(sb-[^.;=\s]+-auth-token)(?:\.(\d+))?$/;

/**
 * Reads the auth cookies out of `Set-Cookie` headers. A cookie with `Max-Age=0` (or less), an `Expires`
 * in the past or an empty value is a deletion.
 *
 * @example
 * const { written, deleted } = authCookieWrites(response.headers);
 */
export function authCookieWrites(headers: Headers): AuthCookieWrites {
  const written = new Map<string, string>();
  const deleted = new Set<string>();
  for (const line of headers.getSetCookie()) {
    const [pair = '', ...attributes] = line.split(';');
    const separator = pair.indexOf('=');
    if (separator < 0) continue;
    const name = pair.slice(0, separator).trim();
    if (!AUTH_COOKIE.test(name)) continue;
    const value = pair.slice(separator + 1).trim();
    if (value === '' || attributes.some(isExpiring)) {
      written.delete(name);
      deleted.add(name);
    } else {
      deleted.delete(name);
      written.set(name, value);
    }
  }
  return { written, deleted };
}

function isExpiring(attribute: string): boolean {
  const [key = '', value = ''] = attribute.split('=').map((part) => part.trim());
  if (key.toLowerCase() === 'max-age') return Number(value) <= 0;
  if (key.toLowerCase() === 'expires') return Date.parse(value) <= Date.now();
  return false;
}

/**
 * The session in `cookies` (whole or chunked, `base64-` encoded or plain JSON), or `null` when there is
 * none or it cannot be read: a torn chunk set is no session.
 */
export function storedSession(cookies: ReadonlyMap<string, string>): StoredSession | null {
  const keys = new Set([...cookies.keys()].map((name) => AUTH_COOKIE.exec(name)?.[1]).filter((key) => key !== undefined));
  if (keys.size !== 1) return null;
  const [key = ''] = keys;
  let raw = cookies.get(key);
  if (raw === undefined) {
    raw = '';
    for (let index = 0; cookies.has(`${key}.${String(index)}`); index += 1) raw += cookies.get(`${key}.${String(index)}`) ?? '';
  }
  return decode(raw);
}

function decode(raw: string): StoredSession | null {
  try {
    const text = raw.startsWith('base64-') ? Buffer.from(raw.slice('base64-'.length), 'base64url').toString('utf8') : decodeURIComponent(raw);
    const parsed = JSON.parse(text) as { access_token?: unknown; refresh_token?: unknown; user?: { id?: unknown } };
    const { access_token: accessToken, refresh_token: refreshToken } = parsed;
    const userId = parsed.user?.id;
    if (typeof accessToken !== 'string' || typeof refreshToken !== 'string' || typeof userId !== 'string') return null;
    return { accessToken, refreshToken, userId };
  } catch {
    return null;
  }
}
