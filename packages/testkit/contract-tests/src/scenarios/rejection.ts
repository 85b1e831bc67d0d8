// C9–C14, C16: sessions that end, tokens that lie, cookies that are garbage, and an auth server that is down.
import { describe, expect, it } from 'vitest';
import type { AppOverrides, BackendFault } from '../backends/contract-backend.js';
import { probeOf, type ContractEnv } from '../environment.js';
import { FIXTURE_USER, TOKEN_LIFETIME } from '../fixture.js';
import { nextCookieHeader, parseSetCookies } from '../session-cookies.js';
import { withClaims } from './access.js';

export function rejectionScenarios(env: ContractEnv): void {
  /** Every Set-Cookie line deletes a cookie, and there is at least one. */
  const expectCleared = (response: Response): void => {
    const lines = parseSetCookies(response.headers.getSetCookie());
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.deletes && line.name.startsWith(env.cookieName))).toBe(true);
  };
  const expectLoginRedirect = (response: Response, path: string): void => {
    expect([303, 307]).toContain(response.status);
    expect(env.location(response)).toBe(`/login?next=${encodeURIComponent(path)}`);
  };

  describe('C9 refresh rejected (signed out elsewhere)', () => {
    it('clears every auth cookie; pages go to login, APIs get 401', async () => {
      const { cookie } = await env.signIn();
      env.backend.revokeUser(FIXTURE_USER.email);
      await env.advance(TOKEN_LIFETIME + 1);
      const page = await env.send('/dashboard?tab=1', { cookie });
      expectLoginRedirect(page, '/dashboard?tab=1');
      expectCleared(page);
      const api = await env.send('/api/me', { cookie, as: 'api' });
      expect(api.status).toBe(401);
      expect(await api.json()).toEqual({ error: 'unauthorized', reason: env.backend.revokedReason });
      expectCleared(api);
    });
  });

  describe('C10 refresh token reuse detected', () => {
    it('signs out like C9 and names the reason', async () => {
      const { session, cookie } = await env.signIn();
      // Someone else rotated the token twice at the auth server, longer ago than the reuse interval.
      await env.backend.rotate(await env.backend.rotate(session.refreshToken));
      await env.advance(TOKEN_LIFETIME + 20);
      const api = await env.send('/api/me', { cookie, as: 'api' });
      expect(api.status).toBe(401);
      expect(await api.json()).toEqual({ error: 'unauthorized', reason: 'refresh_token_already_used' });
      expectCleared(api);
    });

    it("the app's own spent refresh token, replayed after the successor window: the backend's reuse rule decides, never a 500", async () => {
      const { cookie } = await env.signIn();
      await env.advance(TOKEN_LIFETIME + 1);
      const first = await env.send('/dashboard', { cookie });
      expect(first.status).toBe(200);
      // Past Lockstep's successor window (10 s) and the backend's reuse interval (10 s).
      await env.advance(11);
      const api = await env.send('/api/me', { cookie, as: 'api' });
      if (env.backend.answersUnusedSuccessor) {
        // GoTrue hands out the never-used successor again: the same session goes on.
        const successor = await env.backend.readSession(nextCookieHeader(cookie, first.headers.getSetCookie()));
        const replayed = await env.backend.readSession(nextCookieHeader(cookie, api.headers.getSetCookie()));
        expect(api.status).toBe(200);
        expect(successor !== null && replayed !== null && replayed.refreshToken === successor.refreshToken, 'the replay got the same successor').toBe(true);
        return;
      }
      expect(api.status).toBe(401);
      expect(await api.json()).toEqual({ error: 'unauthorized', reason: 'refresh_token_already_used' });
      expectCleared(api);
    });
  });

  const outages: readonly (readonly [string, BackendFault])[] = [
    ['503', { kind: 'status', status: 503 }],
    ['429', { kind: 'rate-limit' }],
    ['a dropped connection', { kind: 'drop' }],
  ];

  describe('C11 auth server down, access token still valid', () => {
    it.each(outages)('%s: passes with the current token and changes no cookie', async (_name, fault) => {
      const { session, cookie } = await env.signIn();
      await env.send('/dashboard', { cookie }); // key set cached
      await env.advance(TOKEN_LIFETIME - 60); // inside the refresh margin: a refresh is attempted
      env.backend.resetCounters();
      env.backend.fail('*', fault);
      const response = await env.send('/dashboard', { cookie });
      expect((await probeOf(response)).user?.id).toBe(session.user.id);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(env.backend.calls('refresh')).toBe(1);
    });
  });

  describe('C12 auth server down or slow, token expired', () => {
    it.each(outages)('%s: cookies kept; 503 page with Retry-After, 503 JSON for APIs', async (_name, fault) => {
      const { cookie } = await env.signIn();
      await env.advance(TOKEN_LIFETIME + 1);
      env.backend.fail('refresh', fault);
      const page = await env.send('/dashboard', { cookie });
      expect(page.status).toBe(503);
      expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(page.headers.getSetCookie()).toEqual([]);
      const api = await env.send('/api/me', { cookie, as: 'api' });
      expect(api.status).toBe(503);
      expect(await api.json()).toMatchObject({ error: 'auth_unavailable' });
      expect(api.headers.getSetCookie()).toEqual([]);
    });


    it('keeps the cookies: 503 for pages (Retry-After), 503 JSON for APIs, within the auth timeout', async () => {
      const app = await env.startApp({ authTimeoutMs: 300 });
      const { cookie } = await env.signIn();
      await env.advance(TOKEN_LIFETIME + 1);
      env.backend.fail('refresh', { kind: 'delay', ms: 3000 }, { times: 1 });
      const started = performance.now();
      const page = await env.send('/dashboard', { cookie, app });
      expect(performance.now() - started).toBeLessThan(2000);
      expect(page.status).toBe(503);
      expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(page.headers.getSetCookie()).toEqual([]);

      env.backend.fail('refresh', { kind: 'drop' });
      const api = await env.send('/api/me', { cookie, as: 'api', app });
      expect(api.status).toBe(503);
      expect(await api.json()).toEqual({ error: 'auth_unavailable', reason: 'network' });
      expect(api.headers.getSetCookie()).toEqual([]);
    });
  });

  if (env.backend.capabilities.userEndpoint) describe('C13 user mode sees a session revoked server-side', () => {
    it('signs the user out on /admin while the token is still unexpired', async () => {
      const { cookie } = await env.signIn();
      expect((await probeOf(await env.send('/admin', { cookie }))).route).toBe('admin');
      env.backend.revokeUser(FIXTURE_USER.email);
      const response = await env.send('/admin', { cookie });
      expectLoginRedirect(response, '/admin');
      expectCleared(response);
    });
  });

  describe('C14 tokens that are not what they claim are never authenticated', () => {
    const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    it.each([
      ['subject changed', (token: string) => withClaims(token, { sub: '00000000-0000-4000-8000-000000000000' })],
      ['role escalated', (token: string) => withClaims(token, { role: 'service_role' })],
      ['alg none', (token: string) => `${b64({ alg: 'none', typ: 'JWT' })}.${token.split('.')[1] ?? ''}.`],
      ['signature stripped', (token: string) => `${token.split('.').slice(0, 2).join('.')}.`],
    ])('%s → redirected, cookies cleared', async (_name, tamper) => {
      const { session } = await env.signIn();
      const response = await env.send('/dashboard', { cookie: env.cookieFor({ ...session, accessToken: tamper(session.accessToken) }) });
      expectLoginRedirect(response, '/dashboard');
      expectCleared(response);
    });

    // In every verify mode that authorizes: `claims` (/api/me), `user` (/admin, whose GET /user
    // ignores `iss` and `aud`), and the server guard in `user` mode (/guarded/admin).
    it.each([
      ['wrong issuer', () => ({ issuer: 'https://elsewhere.example/auth/v1' })],
      ['issuer with a trailing slash', () => ({ issuer: `${env.backend.issuer}/` })],
      ['wrong audience', () => ({ audience: 'service' })],
      ['audience list without ours', () => ({ audience: ['anon', 'other'] })],
    ])('%s → 401 in claims mode, user mode and the user-mode guard', async (_name, overrides: () => AppOverrides) => {
      const app = await env.startApp(overrides());
      const { cookie } = await env.signIn();
      for (const path of ['/api/me', '/admin', '/guarded/admin']) {
        const response = await env.send(path, { cookie, as: 'api', app });
        expect(response.status, path).toBe(401);
        // /guarded/** is public to the middleware, which already cleared the bad session: the guard sees none.
        expect(await response.json(), path).toMatchObject({ error: 'unauthorized', reason: path === '/guarded/admin' ? expect.stringMatching(/^(invalid_token|no_session)$/) : 'invalid_token' });
      }
    });

    it('an expired token with a dead refresh token → signed out', async () => {
      const { session } = await env.signIn();
      const cookie = env.cookieFor({ ...session, refreshToken: 'aaaaaaaaaaaa' });
      await env.advance(TOKEN_LIFETIME + 1);
      const response = await env.send('/api/me', { cookie, as: 'api' });
      expect(response.status).toBe(401);
      expectCleared(response);
    });
  });

  describe('C16 malformed cookies → anonymous, cleared, never a 500', () => {
    // Each backend lists garbage in its own cookie format (bad encoding, bad JSON, a wrong shape, a missing chunk, too large).
    it.each(env.backend.malformedCookies())('%s', async (_name, cookieOf) => {
      const cookie = cookieOf();
      const page = await env.send('/dashboard', { cookie });
      expectLoginRedirect(page, '/dashboard');
      expectCleared(page);
      const home = await env.send('/', { cookie });
      expect((await probeOf(home)).user).toBeNull();
      expectCleared(home);
      const api = await env.send('/api/me', { cookie, as: 'api' });
      expect(api.status).toBe(401);
      expect(await api.json()).toEqual({ error: 'unauthorized', reason: 'malformed_cookie' });
      expect(env.backend.calls('refresh'), 'garbage is never sent to the backend').toBe(0);
    });
  });
}
