// C19–C21, C26 and the server guard: paths, return-to targets and headers from outside cannot open a door.
import { describe, expect, it } from 'vitest';
import { probeOf, type ContractEnv } from '../environment.js';
import { AFTER_SIGN_IN_PATH, FIXTURE_USER } from '../fixture.js';

export function pathScenarios(env: ContractEnv): void {
  describe('C19 path rules on the canonical path', () => {
    it.each([
      ['a segment boundary: /login-admin is not the login page', '/login-admin'],
      ['an encoded letter', '/dash%62oard'],
      ['a doubled slash', '//dashboard'],
      ['a trailing slash', '/dashboard/'],
      ['a trailing dot segment', '/dashboard/./'],
      ['a dot segment out of a public prefix', '/api/health/%2e%2e/%2e%2e/dashboard'],
    ])('%s → still protected', async (_name, path) => {
      let response = await env.send(path);
      if (env.capabilities.canonicalRedirects === true && response.status === 308) {
        const canonical = env.location(response);
        expect(canonical.startsWith('//')).toBe(false);
        response = await env.send(canonical);
      }
      expect([303, 307]).toContain(response.status);
      expect(env.location(response)).toMatch(/^\/login\?next=/);
      expect(response.headers.getSetCookie()).toEqual([]);
    });

    it.each([
      ['a public-looking prefix', '/api/healthz'],
      ['a one-segment glob does not match two', '/api/webhooks/a/b'],
      ['a case variant of a public path', '/API/health'],
    ])('%s → still protected (API: 401)', async (_name, path) => {
      expect((await env.send(path, { as: 'api' })).status).toBe(401);
    });

    it.each([
      ['a bad percent escape', '/dash%ZZboard'],
      ['a truncated escape', '/dashboard%'],
      ['a truncated multi-byte sequence', '/%E0%A4%A'],
      ['an invalid UTF-8 sequence', '/dashboard/%C3%28'],
      ['a semicolon dot segment', '/dashboard/..;/'],
      ['encoded slashes around a dot segment', '/assets%2F..%2Fdashboard'],
    ])('%s → 400, never a pass', async (_name, path) => {
      const { cookie } = await env.signIn();
      expect((await env.send(path, { cookie })).status).toBe(400);
    });
  });

  describe('C20 open-redirect attempts in the return-to parameter', () => {
    it.each([
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/dashboard',
      '%2F%2Fevil.example',
      '/%2F%2Fevil.example',
      'javascript:alert(1)',
      '/dashboard\r\nLocation: https://evil.example',
      // C28: a CRLF that appears only after one more decode.
      '/%0d%0aSet-Cookie:x',
      ' //evil.example',
      // C28: dot segments a URL parser would resolve into `//evil.example`.
      '/.//evil.example',
      '/..//evil.example',
      '/a/..//evil.example/x?y=1',
      '/%2e%2e//evil.example',
      '/.//0x7f.1',
      '/././/ｅｖｉｌ.example',
    ])('next=%s → the default target', async (target) => {
      const { cookie } = await env.signIn();
      const response = await env.send(`/login?next=${encodeURIComponent(target)}`, { cookie });
      expect([303, 307]).toContain(response.status);
      expect(env.location(response)).toBe(AFTER_SIGN_IN_PATH);
    });
  });

  describe('C21 signed-in user on an auth page', () => {
    it('goes to the return-to target (path and query kept)', async () => {
      const { cookie } = await env.signIn();
      const response = await env.send(`/login?next=${encodeURIComponent('/admin/users?page=2')}`, { cookie });
      expect(env.location(response)).toBe('/admin/users?page=2');
      expect(response.headers.getSetCookie()).toEqual([]);
    });

    it('goes to the default page without one, and never back to an auth page', async () => {
      const { cookie } = await env.signIn();
      expect(env.location(await env.send('/login', { cookie }))).toBe(AFTER_SIGN_IN_PATH);
      expect(env.location(await env.send(`/login?next=${encodeURIComponent('/login?next=/x')}`, { cookie }))).toBe(AFTER_SIGN_IN_PATH);
    });

    it('an anonymous visitor sees the login page', async () => {
      expect((await probeOf(await env.send('/login?next=%2Fdashboard'))).route).toBe('login');
    });
  });

  describe('C26 spoofed internal headers from outside are ignored', () => {
    it.each([
      ['x-middleware-subrequest', 'middleware:middleware:middleware:middleware:middleware'],
      ['x-middleware-subrequest', 'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware'],
      ['x-middleware-prefetch', '1'],
      ['x-invoke-path', '/'],
      ['x-original-url', '/'],
      ['x-rewrite-url', '/'],
      ['x-forwarded-uri', '/api/health'],
      ['x-forwarded-prefix', '/assets'],
      ['next-router-prefetch', '1'],
      ['rsc', '1'],
      ['purpose', 'prefetch'],
    ])('%s: %s → anonymous still redirected, nothing rendered', async (name, value) => {
      const response = await env.send('/dashboard', { headers: { [name]: value } });
      expect([303, 307]).toContain(response.status);
      expect(env.location(response)).toBe('/login?next=%2Fdashboard');
    });

    it('x-forwarded-host cannot turn the login redirect into an off-site one', async () => {
      const response = await env.send('/dashboard', { headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' } });
      expect(env.location(response)).toBe('/login?next=%2Fdashboard');
    });
  });

  describe('server guard (DESIGN §3.9)', () => {
    it('a handler guard behind a public rule turns the anonymous away and lets the user in', async () => {
      const anonymous = await env.send('/guarded', { as: 'api' });
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ error: 'unauthorized' });
      const { session, cookie } = await env.signIn();
      expect(await probeOf(await env.send('/guarded', { cookie, as: 'api' }))).toMatchObject({ route: 'guarded', user: { id: session.user.id } });
    });

    it('the guard re-verifies from the cookies the middleware forwarded: it sees a refreshed session', async () => {
      const { cookie } = await env.signIn();
      await env.advance(3601);
      env.backend.resetCounters();
      const response = await env.send('/guarded', { cookie, as: 'api' });
      expect((await probeOf(response)).route).toBe('guarded');
      expect(env.backend.calls('refresh')).toBe(1);
      expect(response.headers.getSetCookie()).toHaveLength(1);
    });

    if (env.backend.capabilities.userEndpoint) it('in user mode it sees a revocation that claims mode cannot', async () => {
      const { cookie } = await env.signIn();
      expect((await env.send('/guarded/admin', { cookie, as: 'api' })).status).toBe(200);
      env.backend.revokeUser(FIXTURE_USER.email);
      expect((await env.send('/guarded', { cookie, as: 'api' })).status).toBe(200);
      expect((await env.send('/guarded/admin', { cookie, as: 'api' })).status).toBe(401);
    });

    if (env.backend.capabilities.userEndpoint) it('C35 a guard that names no mode checks in the matched rule\'s mode (user): it sees the revocation too', async () => {
      const { cookie } = await env.signIn();
      expect(await probeOf(await env.send('/guarded/strict', { cookie, as: 'api' }))).toMatchObject({ route: 'guarded-strict' });
      env.backend.revokeUser(FIXTURE_USER.email);
      // The instance default (claims) would still accept the token; the rule asks for user.
      expect((await env.send('/guarded', { cookie, as: 'api' })).status).toBe(200);
      expect((await env.send('/guarded/strict', { cookie, as: 'api' })).status).toBe(401);
    });
  });
}
