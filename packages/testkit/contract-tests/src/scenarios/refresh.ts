// C4–C8, C17, C18: a refresh happens once, and its cookies reach the browser and the handler, whatever the handler returns.
import { createServerClient, parseCookieHeader } from '@supabase/ssr';
import { describe, expect, it } from 'vitest';
import { probeOf, type ContractEnv } from '../environment.js';
import { OWN_REDIRECT_TARGET, STREAM_CHUNKS, TOKEN_LIFETIME } from '../fixture.js';
import { nextCookieHeader, parseSetCookies, readSessionCookie } from '../session-cookies.js';

export function refreshScenarios(env: ContractEnv): void {
  /** A signed-in browser whose access token has expired. */
  const expiredSession = async (): Promise<{ readonly cookie: string; readonly refreshToken: string }> => {
    const { session, cookie } = await env.signIn();
    await env.advance(TOKEN_LIFETIME + 1);
    env.mock.controls.resetCounters();
    return { cookie, refreshToken: session.refresh_token };
  };
  /** The single session cookie a refresh writes (unchunked). */
  const expectRefreshCookie = (response: Response): void => {
    const lines = response.headers.getSetCookie();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${env.storageKey.replace(/[.-]/g, '\\$&')}=base64-[A-Za-z0-9_-]+; Max-Age=\\d+; Path=/; ${env.cookieSecure ? 'Secure; ' : ''}SameSite=Lax$`));
  };

  describe('C4 expired session', () => {
    it('one refresh; ssr-format cookies on the response; the handler sees the new token; a downstream ssr client does not refresh again', async () => {
      const { cookie, refreshToken } = await expiredSession();
      const response = await env.send('/dashboard', { cookie });
      expect(env.mock.controls.calls('token:refresh_token')).toBe(1);
      expectRefreshCookie(response);
      const issued = await readSessionCookie(env.storageKey, nextCookieHeader(cookie, response.headers.getSetCookie()));
      const probe = await probeOf(response);
      const seen = await readSessionCookie(env.storageKey, probe.cookie);
      // Token values are compared, never printed.
      expect(issued !== null && seen !== null && seen.access_token === issued.access_token, 'handler saw the new access token').toBe(true);
      expect(seen?.refresh_token !== refreshToken, 'handler no longer sees the spent refresh token').toBe(true);

      const downstream = createServerClient(env.mock.url, env.mock.anonKey, {
        cookies: { getAll: () => parseCookieHeader(probe.cookie).map(({ name, value }) => ({ name, value: value ?? '' })), setAll: () => undefined },
        global: { fetch: env.mock.fetch },
      });
      const { data } = await downstream.auth.getUser();
      expect(data.user?.id).toBe(probe.user?.id);
      expect(env.mock.controls.calls('token:refresh_token')).toBe(1);
    });
  });

  describe('C5 refresh on a request that ends in a redirect', () => {
    it('a signed-in user on /login is sent on, and the redirect carries the refreshed cookies', async () => {
      const { cookie } = await expiredSession();
      const response = await env.send('/login?next=%2Fdashboard%2Fbilling', { cookie });
      expect([303, 307]).toContain(response.status);
      expect(env.location(response)).toBe('/dashboard/billing');
      expect(env.mock.controls.calls('token:refresh_token')).toBe(1);
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
      expect(env.mock.controls.calls('token:refresh_token')).toBe(1);
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
      env.mock.controls.resetCounters();
      const late = await env.send('/dashboard', { cookie });
      expect(late.status).toBe(200);
      expect(env.mock.controls.calls('token:refresh_token')).toBe(0);
      const successor = await readSessionCookie(env.storageKey, nextCookieHeader(cookie, first.headers.getSetCookie()));
      const replayed = await readSessionCookie(env.storageKey, nextCookieHeader(cookie, late.headers.getSetCookie()));
      // Token values are compared, never printed.
      const same = successor !== null && replayed !== null && replayed.access_token === successor.access_token && replayed.refresh_token === successor.refresh_token;
      expect(same, 'the late request got the same successor session').toBe(true);
    });
  });

  describe('C17 large (chunked) sessions', () => {
    const BIG_EMAIL = 'grace@example.com';
    const bigUser = (): void => {
      env.mock.controls.createUser({ email: BIG_EMAIL, password: 'long-story-1', userMetadata: { bio: 'x'.repeat(2500) } });
    };

    it('reads a chunked session and writes the refreshed one in chunks', async () => {
      bigUser();
      const session = await env.mock.controls.issueSession(BIG_EMAIL);
      const cookie = env.cookieFor(session);
      expect(cookie).toContain(`${env.storageKey}.1=`);
      expect((await probeOf(await env.send('/dashboard', { cookie }))).user?.id).toBe(session.user.id);
      await env.advance(TOKEN_LIFETIME + 1);
      const response = await env.send('/dashboard', { cookie });
      const written = parseSetCookies(response.headers.getSetCookie());
      expect(written.filter((line) => !line.deletes).map((line) => line.name)).toEqual(
        expect.arrayContaining([`${env.storageKey}.0`, `${env.storageKey}.1`]),
      );
      const next = nextCookieHeader(cookie, response.headers.getSetCookie());
      expect((await readSessionCookie(env.storageKey, next))?.user?.id).toBe(session.user.id);
    });

    it('deletes the stale chunks when the session shrinks', async () => {
      const { session } = await env.signIn();
      const padded = { ...session, user: { ...session.user, user_metadata: { bio: 'x'.repeat(6000) } } };
      const cookie = env.cookieFor(padded);
      expect(cookie).toContain(`${env.storageKey}.1=`);
      await env.advance(TOKEN_LIFETIME + 1);
      const response = await env.send('/dashboard', { cookie });
      const lines = parseSetCookies(response.headers.getSetCookie());
      expect(lines.filter((line) => !line.deletes).map((line) => line.name)).toEqual([env.storageKey]);
      expect(lines.filter((line) => line.deletes).map((line) => line.name)).toEqual(
        expect.arrayContaining([`${env.storageKey}.0`, `${env.storageKey}.1`]),
      );
      expect(parseCookieHeader((await probeOf(response)).cookie).map(({ name }) => name)).toEqual([env.storageKey]);
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
      env.mock.controls.signOutUser('ada@example.com');
      await env.advance(TOKEN_LIFETIME + 1);
      const response = await env.send('/dashboard', { cookie });
      expect(parseSetCookies(response.headers.getSetCookie()).every((line) => line.deletes)).toBe(true);
      expect(response.headers.get('cache-control')).toMatch(/\bno-store\b/);
    });
  });
}
