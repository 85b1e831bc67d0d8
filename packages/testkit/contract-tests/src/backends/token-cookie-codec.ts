// The browser's side of the token backend's cookie (`v1.` + base64url JSON `{ at, rt, exp, u }`, chunked), written
// independently of the provider's code so the suite checks the documented format rather than the code against itself.
import { TOKEN_COOKIE_CHUNK_SIZE, TOKEN_COOKIE_PREFIX } from '@lockstep/token-backend';
import type { BackendSession } from './contract-backend.js';

/** The `Cookie` header for a session: `<name>=v1.…`, or `<name>.0`, `<name>.1`, … past one cookie's size. */
export function tokenCookieHeader(name: string, session: BackendSession): string {
  const user = session.user === null ? undefined : { id: session.user.id, ...(session.user.email === undefined ? {} : { email: session.user.email }) };
  const json = JSON.stringify({ at: session.accessToken, rt: session.refreshToken, exp: session.expiresAt, ...(user === undefined ? {} : { u: user }) });
  const value = TOKEN_COOKIE_PREFIX + Buffer.from(json, 'utf8').toString('base64url');
  if (value.length <= TOKEN_COOKIE_CHUNK_SIZE) return `${name}=${value}`;
  const chunks: string[] = [];
  for (let index = 0; index * TOKEN_COOKIE_CHUNK_SIZE < value.length; index++) {
    chunks.push(`${name}.${index}=${value.slice(index * TOKEN_COOKIE_CHUNK_SIZE, (index + 1) * TOKEN_COOKIE_CHUNK_SIZE)}`);
  }
  return chunks.join('; ');
}

/** The session in a `Cookie` header (whole or chunked), or `null` when there is none or it does not decode. */
export function readTokenCookieHeader(name: string, cookieHeader: string): BackendSession | null {
  const values = new Map<string, string>();
  for (const pair of cookieHeader === '' ? [] : cookieHeader.split(/;\s*/)) {
    const index = pair.indexOf('=');
    if (index > 0 && !values.has(pair.slice(0, index))) values.set(pair.slice(0, index), decodeURIComponent(pair.slice(index + 1)));
  }
  let value = values.get(name);
  if (value === undefined) {
    const parts: string[] = [];
    for (let index = 0; values.has(`${name}.${index}`); index++) parts.push(values.get(`${name}.${index}`) ?? '');
    if (parts.length === 0) return null;
    value = parts.join('');
  }
  if (!value.startsWith(TOKEN_COOKIE_PREFIX)) return null;
  try {
    const stored = JSON.parse(Buffer.from(value.slice(TOKEN_COOKIE_PREFIX.length), 'base64url').toString('utf8')) as { at: string; rt: string; exp: number; u?: { id: string; email?: string } };
    return { accessToken: stored.at, refreshToken: stored.rt, expiresAt: stored.exp, user: stored.u ?? null, raw: stored };
  } catch {
    // Not a session the browser could hold: the scenarios treat it as absent.
    return null;
  }
}
