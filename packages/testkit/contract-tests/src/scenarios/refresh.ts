// C4–C8, C18: a refresh happens once, and its cookies reach the browser and the handler, whatever the handler returns.
import { describe, expect, it } from 'vitest';
import { probeOf, type ContractEnv } from '../environment.js';
import { FIXTURE_USER, OWN_REDIRECT_TARGET, STREAM_CHUNKS, TOKEN_LIFETIME } from '../fixture.js';
import { nextCookieHeader, parseSetCookies } from '../session-cookies.js';

export function refreshScenarios(env: ContractEnv): void {
  /** A signed-in browser whose access token has expired. */
  const expiredSession = async (): Promise<{ readonly cookie: string; readonly refreshToken: string }> => {
    const { session, cookie } = await env.signIn();
    await env.advance(TOKEN_LIFETIME + 1);
    env.backend.resetCounters();
    return { cookie, refreshToken: session.refreshToken };
  };
  /** The single session cookie a refresh writes (unchunked). */
  const expectRefreshCookie = (response: Response): void => {
    const lines = response.headers.getSetCookie();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(env.backend.refreshCookieLine(env.cookieSecure));
  };

  describe('C4 expired session', () => {
    it('one refresh; the new cookie on the response; the handler sees the new token; the next request refreshes nothing', async () => {
      const { cookie, refreshToken } = await expiredSession();
      const response = await env.send('/dashboard', { cookie });
      expect(env.backend.calls('refresh')).toBe(1);
      expectRefreshCookie(response);
      const next = nextCookieHeader(cookie, response.headers.getSetCookie());
      const issued = await env.backend.readSession(next);
      const probe = await probeOf(response);
      expect(probe.user?.email).toBe(FIXTURE_USER.email);
      const seen = await env.backend.readSession(probe.cookie);
      // Token values are compared, never printed.
      expect(issued !== null && seen !== null && seen.accessToken === issued.accessToken, 'handler saw the new access token').toBe(true);
      expect(seen?.refreshToken !== refreshToken, 'handler no longer sees the spent refresh token').toBe(true);
      env.backend.resetCounters();
      const again = await env.send('/dashboard', { cookie: next });
      expect(again.status).toBe(200);
      expect(again.headers.getSetCookie()).toEqual([]);
      expect(env.backend.calls('refresh')).toBe(0);
    });
  });

  describe('C5 refresh on a request that ends in a redirect', () => {
    it('a signed-in user on /login is sent on, and the redirect carries the refreshed cookies', async () => {
      const { cookie } = await expiredSession();
      const response = await env.send('/login?next=%2Fdashboard%2Fbilling', { cookie });
      expect([303, 307]).toContain(response.status);
      expect(env.location(response)).toBe('/dashboard/billing');
      expect(env.backend.calls('refresh')).toBe(1);
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
      const { cookie } = await expiredSession();
      const response = await env.send(path, { cookie });
      expect(response.status).toBe(status);
      expectRefreshCookie(response);
      if (status === 302) expect(env.location(response)).toBe(OWN_REDIRECT_TARGET);
      if (path === '/own/stream') expect(await response.text()).toBe(STREAM_CHUNKS.join(''));
      if (path === '/own/401') expect(await response.json()).toEqual({ error: 'own' });
    });

    if (env.capabilities.thrownErrorStatus !== null) it('an error thrown the framework way', async () => {
      const { cookie } = await expiredSession();
      const response = await env.send('/own/throw', { cookie });
      expect(response.status).toBe(env.capabilities.thrownErrorStatus);
      expectRefreshCookie(response);
    });
  });

  describe('C7 concurrency', () => {
    it('50 concurrent requests with one expired session: 1 upstream refresh, 50 successes, identical cookies', async () => {
      const { cookie } = await expiredSession();
      const responses = await Promise.all(Array.from({ length: 50 }, () => env.send('/dashboard', { cookie })));
      expect(env.backend.calls('refresh')).toBe(1);
      expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 50 }, () => 200));
      const distinct = new Set(responses.map((response) => response.headers.getSetCookie().join('\n')));
      expect(distinct.size).toBe(1);
      expectRefreshCookie(responses[0] ?? new Response());
    });
  });

  describe('C8 late request with the spent refresh token', () => {
    it('gets the successor session without an upstream call and without a logout', async () => {
      const { cookie } = await expiredSession();
      const first = await env.send('/dashboard', { cookie });
      await env.advance(8);
      env.backend.resetCounters();
      const late = await env.send('/dashboard', { cookie });
      expect(late.status).toBe(200);
      expect(env.backend.calls('refresh')).toBe(0);
      const successor = await env.backend.readSession(nextCookieHeader(cookie, first.headers.getSetCookie()));
      const replayed = await env.backend.readSession(nextCookieHeader(cookie, late.headers.getSetCookie()));
      // Token values are compared, never printed.
      const same = successor !== null && replayed !== null && replayed.accessToken === successor.accessToken && replayed.refreshToken === successor.refreshToken;
      expect(same, 'the late request got the same successor session').toBe(true);
    });
  });

  describe('C18 no-store on every response that writes auth cookies', () => {
    it.each([
      ['refreshed page', '/dashboard'],
      ['refreshed redirect from an auth page', '/login'],
      ["the handler's immutable redirect", '/own/immutable-redirect'],
      ['a streamed body', '/own/stream'],
    ])('%s', async (_name, path) => {
      const { cookie } = await expiredSession();
      const response = await env.send(path, { cookie });
      expect(response.headers.getSetCookie().length).toBeGreaterThan(0);
      expect(response.headers.get('cache-control')).toMatch(/\bprivate\b.*\bno-store\b|\bno-store\b.*\bprivate\b/);
      expect(response.headers.get('vary') ?? '').toMatch(/\bCookie\b/i);
    });

    it('a response that clears the cookies', async () => {
      const { cookie } = await env.signIn();
      env.backend.revokeUser(FIXTURE_USER.email);
      await env.advance(TOKEN_LIFETIME + 1);
      const response = await env.send('/dashboard', { cookie });
      expect(parseSetCookies(response.headers.getSetCookie()).every((line) => line.deletes)).toBe(true);
      expect(response.headers.get('cache-control')).toMatch(/\bno-store\b/);
    });
  });
}
