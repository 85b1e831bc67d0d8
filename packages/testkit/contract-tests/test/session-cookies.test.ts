// The suite's browser-side cookie helpers: what they write must read back, chunked or not.
import { describe, expect, it } from 'vitest';
import { nextCookieHeader, parseSetCookies, readSessionCookie, sessionCookieHeader } from '../src/session-cookies.js';

const KEY = 'sb-127-auth-token';
const session = (bio: string) => ({ access_token: 'a.b.c', refresh_token: 'r1', expires_at: 10, user: { id: 'u1', user_metadata: { bio } } });

describe('session cookies as the browser client stores them', () => {
  it('round-trips a small session under the bare key', async () => {
    const header = sessionCookieHeader(KEY, session('short'));
    expect(header.startsWith(`${KEY}=base64-`)).toBe(true);
    expect(await readSessionCookie(KEY, header)).toEqual(session('short'));
  });

  it('chunks a large session and reads it back', async () => {
    const header = sessionCookieHeader(KEY, session('x'.repeat(5000)));
    expect(header.split('; ').map((pair) => pair.split('=')[0])).toEqual([`${KEY}.0`, `${KEY}.1`, `${KEY}.2`]);
    expect((await readSessionCookie(KEY, header))?.user?.user_metadata).toEqual({ bio: 'x'.repeat(5000) });
  });

  it('applies Set-Cookie lines like a browser jar: writes replace, Max-Age=0 deletes', async () => {
    const jar = nextCookieHeader(`theme=dark; ${KEY}.0=old; ${KEY}.1=old`, [
      `${KEY}.0=; Max-Age=0; Path=/`,
      `${KEY}.1=; Max-Age=0; Path=/`,
      `${sessionCookieHeader(KEY, session('new'))}; Max-Age=100; Path=/; SameSite=Lax`,
    ]);
    expect(jar.split('; ').map((pair) => pair.split('=')[0])).toEqual(['theme', KEY]);
    expect((await readSessionCookie(KEY, jar))?.user?.user_metadata).toEqual({ bio: 'new' });
    expect(await readSessionCookie(KEY, 'theme=dark')).toBeNull();
  });

  it('parses attributes case-insensitively', () => {
    const [line] = parseSetCookies(['a=%20b; Max-Age=0; Path=/; HttpOnly']);
    expect(line).toMatchObject({ name: 'a', value: ' b', deletes: true });
    expect(line?.attributes.get('httponly')).toBe('');
  });
});
