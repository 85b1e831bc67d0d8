import { describe, expect, it } from 'vitest';
import { createCookiePlan, type CookieAttributes } from '@lockstep/core/cookies';
import { NO_STORE_HEADERS } from '@lockstep/core/cookies';
import { parseRequestCookies, type RequestCookie } from '@lockstep/core/cookies';
import { encodeSessionCookie, readSessionCookie } from './session-cookie.js';
import { planSessionWrite } from './session-write.js';
import { bulkyMetadata, makeSession } from './test-support/sessions.js';

const KEY = 'sb-abc-auth-token';
const ATTRS: CookieAttributes = { path: '/', sameSite: 'lax', secure: true, httpOnly: false, maxAge: 34_560_000 };

/** A real Request carrying the given cookies (plus unrelated ones), parsed the way adapters do. */
function requestWith(cookies: readonly RequestCookie[]): { request: Request; cookies: RequestCookie[] } {
  const header = ['theme=dark', ...cookies.map((c) => `${c.name}=${encodeURIComponent(c.value)}`), 'other=1']
    .join('; ');
  const request = new Request('https://app.example.com/dashboard', { headers: { cookie: header } });
  return { request, cookies: parseRequestCookies(request.headers.get('cookie')) };
}

const small = makeSession();
const large = makeSession({ user: { id: 'u1', user_metadata: bulkyMetadata(5000) } });
const names = (writes: readonly { name: string }[]) => writes.map((w) => w.name);

describe('planSessionWrite + createCookiePlan', () => {
  it('unchanged session → no writes, no headers, the same Cookie header', () => {
    const { request, cookies } = requestWith(encodeSessionCookie(large, KEY));
    const plan = createCookiePlan(cookies, planSessionWrite(cookies, KEY, large, ATTRS));
    expect(plan.writes).toEqual([]);
    expect(plan.setCookie).toEqual([]);
    expect(plan.headers).toEqual([]);
    expect(plan.requestCookieHeader).toBe(request.headers.get('cookie'));
  });

  it('refresh of a chunked session rewrites only the chunks that changed', async () => {
    const { cookies } = requestWith(encodeSessionCookie(large, KEY));
    // Same-length tokens: only the bytes of the first chunk change.
    const refreshed = { ...large, refresh_token: 'refresh-2' };
    const plan = createCookiePlan(cookies, planSessionWrite(cookies, KEY, refreshed, ATTRS));
    expect(names(plan.writes)).toEqual([`${KEY}.0`]);
    expect(plan.headers).toBe(NO_STORE_HEADERS);
    const downstream = parseRequestCookies(plan.requestCookieHeader);
    await expect(readSessionCookie(downstream, KEY)).resolves.toEqual({ kind: 'present', session: refreshed });
  });

  it('chunked → single deletes the stale chunks the request carries, and nothing else', async () => {
    const { cookies } = requestWith([...encodeSessionCookie(large, KEY), { name: `${KEY}.7`, value: 'stray' }]);
    const chunkNames = cookies.filter((c) => c.name.startsWith(`${KEY}.`)).map((c) => c.name);
    const writes = planSessionWrite(cookies, KEY, small, ATTRS);
    expect(writes.filter((w) => w.attributes.maxAge === 0).map((w) => w.name)).toEqual(chunkNames);
    expect(writes.filter((w) => w.attributes.maxAge > 0).map((w) => w.name)).toEqual([KEY]);
    const plan = createCookiePlan(cookies, writes);
    expect(plan.setCookie).toContain(`${KEY}.7=; Max-Age=0; Path=/; Secure; SameSite=Lax`);
    expect(plan.requestCookieHeader).toMatch(/^theme=dark; other=1; sb-abc-auth-token=base64-/);
    await expect(readSessionCookie(parseRequestCookies(plan.requestCookieHeader), KEY)).resolves.toEqual({
      kind: 'present',
      session: small,
    });
  });

  it('single → chunked deletes the unchunked cookie and writes every chunk', () => {
    const { cookies } = requestWith(encodeSessionCookie(small, KEY));
    const writes = planSessionWrite(cookies, KEY, large, ATTRS);
    const chunkCount = encodeSessionCookie(large, KEY).length;
    expect(names(writes)).toEqual([KEY, ...Array.from({ length: chunkCount }, (_, i) => `${KEY}.${i}`)]);
    expect(writes[0]?.attributes.maxAge).toBe(0);
  });

  it('clear (null) deletes exactly the key and chunks that exist, keeping path and domain', () => {
    const attrs = { ...ATTRS, domain: '.example.com' };
    const { cookies } = requestWith([
      ...encodeSessionCookie(large, KEY),
      { name: `${KEY}-code-verifier`, value: 'v' }, // not chunk-like: untouched
      { name: `${KEY}.00`, value: 'x' }, // not chunk-like either (upstream regex)
    ]);
    const writes = planSessionWrite(cookies, KEY, null, attrs);
    const existing = encodeSessionCookie(large, KEY).map((c) => c.name);
    // Host-only deletion first, then the domain one (ssr #240 / #256).
    expect(writes).toEqual([
      ...existing.map((name) => ({ name, value: '', attributes: { ...ATTRS, maxAge: 0 } })),
      ...existing.map((name) => ({ name, value: '', attributes: { ...attrs, maxAge: 0 } })),
    ]);
    const plan = createCookiePlan(cookies, writes);
    expect(plan.writes).toHaveLength(existing.length * 2);
    expect(plan.requestCookieHeader).toBe(`theme=dark; ${KEY}-code-verifier=v; ${KEY}.00=x; other=1`);
    expect(plan.headers).toBe(NO_STORE_HEADERS);
  });

  it('clear with no session cookies → no writes, no headers', () => {
    const { request, cookies } = requestWith([]);
    const plan = createCookiePlan(cookies, planSessionWrite(cookies, KEY, null, ATTRS));
    expect(plan.writes).toEqual([]);
    expect(plan.headers).toEqual([]);
    expect(plan.requestCookieHeader).toBe(request.headers.get('cookie'));
  });

  it('sign-in on a request without cookies writes the session with the configured attributes', () => {
    const plan = createCookiePlan([], planSessionWrite([], KEY, small, { ...ATTRS, httpOnly: true }));
    expect(plan.setCookie).toHaveLength(1);
    expect(plan.setCookie[0]).toMatch(
      /^sb-abc-auth-token=base64-[\w-]+; Max-Age=34560000; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect(plan.requestCookieHeader).toMatch(/^sb-abc-auth-token=base64-/);
  });

  it('the downstream Cookie header carries the new token and not the old one', () => {
    const { cookies } = requestWith(encodeSessionCookie(small, KEY));
    const refreshed = makeSession({ refresh_token: 'refresh-NEW' }, { ttl: 7200 });
    const plan = createCookiePlan(cookies, planSessionWrite(cookies, KEY, refreshed, ATTRS));
    const [written] = encodeSessionCookie(refreshed, KEY);
    const [old] = encodeSessionCookie(small, KEY);
    expect(plan.requestCookieHeader).toContain(written?.value);
    expect(plan.requestCookieHeader).not.toContain(old?.value);
    expect(plan.requestCookieHeader.startsWith('theme=dark; ')).toBe(true);
    expect(plan.requestCookieHeader.endsWith('; other=1')).toBe(true);
  });
});
