// C4–C8, C18 for the token-backend provider through the Hono adapter.
import { describe, expect, it } from 'vitest';
import { OWN_REDIRECT_TARGET, STREAM_CHUNKS } from '../src/index.js';
import { applySetCookies, COOKIE, cookieValue, location, probeOf, useEnv } from './support.js';

/** One httpOnly session cookie in the token backend's format. */
const SESSION_COOKIE_LINE = new RegExp(`^${COOKIE}=v1\\.[A-Za-z0-9_-]+; Max-Age=\\d+; Path=/; HttpOnly; Secure; SameSite=Lax$`); // app.test is not loopback: Secure by default

describe('refresh (token backend, Hono)', () => {
  const env = useEnv('jwks');
  const expectRefreshCookie = (response: Response): void => {
    const lines = response.headers.getSetCookie();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(SESSION_COOKIE_LINE);
  };

  describe('C4 expired session', () => {
    it('one refresh; the new httpOnly cookie on the response; the handler sees the new session in the same request', async () => {
      const cookie = await env.expiredSession();
      const response = await env.send('/dashboard', { cookie });
      expect(env.backend.controls.calls('refresh')).toBe(1);
      expectRefreshCookie(response);
      const next = applySetCookies(cookie, response.headers.getSetCookie());
      const probe = await probeOf(response);
      // Values are compared, never printed.
      expect(cookieValue(probe.cookie, COOKIE) === cookieValue(next, COOKIE), 'handler saw the new session cookie').toBe(true);
      expect(cookieValue(next, COOKIE) !== cookieValue(cookie, COOKIE)).toBe(true);
      // The new session is good as it is: the next request refreshes nothing.
      env.backend.controls.resetCounters();
      const again = await env.send('/dashboard', { cookie: next });
      expect(again.headers.getSetCookie()).toEqual([]);
      expect(env.backend.controls.calls('refresh')).toBe(0);
    });

    it('C18: the response that writes the cookie is private, no-store', async () => {
      const cookie = await env.expiredSession();
      const response = await env.send('/dashboard', { cookie });
      expect(response.headers.get('cache-control')).toMatch(/private.*no-store|no-store.*private/);
      expect(response.headers.get('vary')).toMatch(/Cookie/);
    });
  });

  describe('C5 refresh on a request that ends in a redirect', () => {
    it('a signed-in user on /login is sent on, and the redirect carries the refreshed cookie', async () => {
      const cookie = await env.expiredSession();
      const response = await env.send('/login?next=%2Fdashboard%2Fbilling', { cookie });
      expect(location(response)).toBe('/dashboard/billing');
      expect(env.backend.controls.calls('refresh')).toBe(1);
      expectRefreshCookie(response);
    });
  });

  describe("C6 the handler's own responses still get the cookies", () => {
    it.each([
      ['its own redirect', '/own/redirect', 302],
      ['an immutable Response.redirect()', '/own/immutable-redirect', 302],
      ['its own 401', '/own/401', 401],
      ['a streamed body', '/own/stream', 200],
    ])('%s', async (_name, path, status) => {
      const cookie = await env.expiredSession();
      const response = await env.send(path, { cookie });
      expect(response.status).toBe(status);
      expectRefreshCookie(response);
      if (status === 302) expect(location(response)).toBe(OWN_REDIRECT_TARGET);
      if (path === '/own/stream') expect(await response.text()).toBe(STREAM_CHUNKS.join(''));
    });
  });

  describe('C7 concurrency', () => {
    it('50 concurrent requests with one expired session: 1 upstream refresh, 50 successes, identical cookies', async () => {
      const cookie = await env.expiredSession();
      const responses = await Promise.all(Array.from({ length: 50 }, () => env.send('/dashboard', { cookie })));
      expect(env.backend.controls.calls('refresh')).toBe(1);
      expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 50 }, () => 200));
      expect(new Set(responses.map((response) => response.headers.getSetCookie().join('\n'))).size).toBe(1);
    });
  });

  describe('C8 late request with the spent refresh token', () => {
    it('gets the successor session without a backend call and without a logout', async () => {
      const cookie = await env.expiredSession();
      const first = await env.send('/dashboard', { cookie });
      env.backend.clock.advance(8);
      env.backend.controls.resetCounters();
      const late = await env.send('/dashboard', { cookie });
      expect(late.status).toBe(200);
      expect(env.backend.controls.calls('refresh')).toBe(0);
      const successor = cookieValue(applySetCookies(cookie, first.headers.getSetCookie()), COOKIE);
      const replayed = cookieValue(applySetCookies(cookie, late.headers.getSetCookie()), COOKIE);
      expect(successor !== null && successor === replayed, 'the late request got the same successor session').toBe(true);
    });
  });
});
