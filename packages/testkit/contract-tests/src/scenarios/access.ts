// C1–C3, C15, C22, C27: who gets through, what they see, and what it costs the auth server.
import { describe, expect, it } from 'vitest';
import { probeOf, type ContractEnv } from '../environment.js';
import { FIXTURE_USER } from '../fixture.js';

export function accessScenarios(env: ContractEnv): void {
  describe('C1 anonymous → protected page', () => {
    it('redirects to login with the path and query as return-to, without cookies or auth-server calls', async () => {
      const response = await env.send('/dashboard/reports?year=2025');
      expect([303, 307]).toContain(response.status);
      expect(env.location(response)).toBe('/login?next=%2Fdashboard%2Freports%3Fyear%3D2025');
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(env.backend.calls('all')).toBe(0);
    });

    it('a non-GET navigation is redirected with 303, so no body is replayed at the login page', async () => {
      const response = await env.send('/dashboard', { method: 'POST', body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(response.status).toBe(303);
      expect(env.location(response)).toBe('/login?next=%2Fdashboard');
    });
  });

  describe('C2 anonymous → public paths', () => {
    it.each([
      ['GET', '/', 'home'],
      ['GET', '/login', 'login'],
      ['GET', '/api/health', null],
      ['POST', '/api/webhooks/stripe', null],
      ['GET', '/assets/app.css', null],
    ])('%s %s passes without Set-Cookie', async (method, path, route) => {
      const response = await env.send(path, { method, as: path.startsWith('/api/') ? 'api' : 'document', ...(method === 'POST' ? { body: '{}' } : {}) });
      expect(response.status).toBe(200);
      expect(response.headers.getSetCookie()).toEqual([]);
      if (route !== null) expect(await probeOf(response)).toMatchObject({ route, user: null });
    });

    it('a public rule without session work ignores even an expired cookie: no refresh, no cookie change', async () => {
      const { cookie } = await env.signIn();
      await env.advance(7200);
      env.backend.resetCounters();
      const response = await env.send('/api/webhooks/stripe', { method: 'POST', as: 'api', cookie, body: '{}' });
      expect(response.status).toBe(200);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(env.backend.calls('refresh')).toBe(0);
    });
  });

  describe('C3 valid session → protected', () => {
    it('passes; the handler sees the user; claims mode needs no auth-server call once the keys are cached', async () => {
      const { session, cookie } = await env.signIn();
      const first = await probeOf(await env.send('/dashboard', { cookie }));
      expect(first).toMatchObject({ route: 'dashboard', user: { id: session.user.id, email: FIXTURE_USER.email } });
      expect(env.backend.calls('all') - env.backend.calls('keys'), 'backend calls besides the key set').toBe(0);
      env.backend.resetCounters();
      const again = await env.send('/dashboard/settings', { cookie });
      expect((await probeOf(again)).user?.id).toBe(session.user.id);
      expect(again.headers.getSetCookie()).toEqual([]);
      expect(env.backend.calls('all')).toBe(0);
    });

    it('public pages see the session too', async () => {
      const { session, cookie } = await env.signIn();
      expect((await probeOf(await env.send('/', { cookie }))).user?.id).toBe(session.user.id);
    });
  });

  describe('C22 unauthenticated data requests get 401 JSON, documents a redirect', () => {
    it.each([
      ['API path, fetch', '/api/me', 'api'],
      ['API path typed into the address bar', '/api/me', 'document'],
      ['page path, fetch', '/dashboard', 'api'],
    ] as const)('%s → 401 JSON with WWW-Authenticate', async (_name, path, as) => {
      const response = await env.send(path, { as });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
      expect(await response.json()).toEqual({ error: 'unauthorized', reason: 'no_session' });
    });

    it('a page navigation → redirect', async () => {
      const response = await env.send('/dashboard');
      expect([303, 307]).toContain(response.status);
    });
  });

  if (env.backend.capabilities.userEndpoint) describe('C27 per-rule verify modes', () => {
    it('/admin/** asks the auth server (user mode) on every request; /dashboard verifies locally (claims)', async () => {
      const { session, cookie } = await env.signIn();
      await env.send('/dashboard', { cookie }); // key set cached
      env.backend.resetCounters();
      expect((await probeOf(await env.send('/admin', { cookie }))).user?.id).toBe(session.user.id);
      expect((await probeOf(await env.send('/admin/users', { cookie }))).route).toBe('admin');
      // Once per request by the middleware, and again where the handler reads the session (a guard
      // re-checks in the rule's mode, C35): the same number for each of the two requests.
      const userCalls = env.backend.calls('user');
      expect(userCalls === 2 || userCalls === 4, `${userCalls} GET /user calls for 2 requests`).toBe(true);
      await probeOf(await env.send('/dashboard', { cookie }));
      expect(env.backend.calls('user')).toBe(userCalls);
    });
  });

  describe('C15 session mode only where a rule opts in', () => {
    it('an unverifiable token is trusted on /hints/** (UI hints) and nowhere else', async () => {
      const { session } = await env.signIn();
      const cookie = env.cookieFor({ ...session, accessToken: withClaims(session.accessToken, { email: 'forged@example.com' }), user: null });
      expect(await probeOf(await env.send('/hints/banner', { cookie }))).toMatchObject({ route: 'hints', user: { email: 'forged@example.com' } });
      for (const path of ['/dashboard', '/admin']) {
        const response = await env.send(path, { cookie });
        expect([303, 307], path).toContain(response.status);
      }
    });
  });
}

/** The token with its payload edited (the signature no longer matches). */
export function withClaims(token: string, claims: Record<string, unknown>): string {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const edited = { ...(JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>), ...claims };
  return [header, Buffer.from(JSON.stringify(edited)).toString('base64url'), signature].join('.');
}
