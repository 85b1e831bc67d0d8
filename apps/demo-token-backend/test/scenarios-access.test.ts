// C1–C3, C19–C22 for the token-backend provider through the Hono adapter.
import { describe, expect, it } from 'vitest';
import { AFTER_SIGN_IN_PATH } from '../src/index.js';
import { location, probeOf, useEnv, type Verification } from './support.js';

describe('access (token backend, Hono)', () => {
  const env = useEnv('jwks');

  describe('C1 anonymous → protected page', () => {
    it.each(['/dashboard', '/dashboard/billing?tab=2'])('%s: login redirect with return-to, no refresh, no cookies', async (path) => {
      const response = await env.send(path);
      expect([303, 307]).toContain(response.status);
      expect(location(response)).toBe(`/login?next=${encodeURIComponent(path)}`);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(env.backend.controls.calls('refresh')).toBe(0);
    });
  });

  describe('C2 anonymous → public paths', () => {
    it.each(['/', '/api/health'])('%s passes without Set-Cookie', async (path) => {
      const response = await env.send(path, { as: 'api' });
      expect(response.status).toBe(200);
      expect(response.headers.getSetCookie()).toEqual([]);
    });
  });

  describe('C22 unauthenticated data requests: 401 JSON + WWW-Authenticate; documents: redirect', () => {
    it.each([
      ['/api/me', 'document'],
      ['/api/me', 'api'],
      ['/dashboard', 'api'],
    ] as const)('%s as %s → 401 JSON', async (path, as) => {
      const response = await env.send(path, { as });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await response.json()).toMatchObject({ error: 'unauthorized', reason: 'no_session' });
    });
  });

  describe('C19 path rules on the canonical path', () => {
    it.each([
      ['/login-admin', 'redirect'],
      ['/dash%62oard', 'redirect'],
      ['//dashboard', 'redirect'],
      ['/dashboard/./', 'redirect'],
      ['/%E0%A4%A', 400],
      ['/%', 400],
    ] as const)('anonymous %s → %s', async (path, expected) => {
      const response = await env.send(path);
      if (expected === 'redirect') {
        expect([303, 307]).toContain(response.status);
        expect(location(response).startsWith('/login?next=')).toBe(true);
      } else {
        expect(response.status).toBe(expected);
      }
    });
  });

  describe('C20 open-redirect attempts in the return-to parameter', () => {
    it.each(['//evil.com', '/\\evil.com', 'https://evil.com/x', '%2F%2Fevil.com', 'javascript:alert(1)', '/%0d%0aSet-Cookie:x'])('next=%s → the default target', async (next) => {
      const cookie = await env.signIn();
      const response = await env.send(`/login?next=${encodeURIComponent(next)}`, { cookie });
      expect([303, 307]).toContain(response.status);
      expect(location(response)).toBe(AFTER_SIGN_IN_PATH);
    });
  });

  describe('C21 signed-in user on an auth page', () => {
    it.each([
      ['/login?next=%2Fdashboard%2Fbilling', '/dashboard/billing'],
      ['/login', AFTER_SIGN_IN_PATH],
    ])('%s → %s', async (path, target) => {
      const cookie = await env.signIn();
      const response = await env.send(path, { cookie });
      expect(location(response)).toBe(target);
    });
  });
});

describe.each<Verification>(['jwks', 'secret', 'user-endpoint'])('C3 valid session → protected (%s verification)', (verification) => {
  const env = useEnv(verification);

  it('passes; the handler sees the user; claims mode makes no backend call once keys are cached', async () => {
    const cookie = await env.signIn();
    await env.send('/dashboard', { cookie }); // warms the key set, if any
    env.backend.controls.resetCounters();
    const probe = await probeOf(await env.send('/dashboard', { cookie }));
    expect(probe.user?.email).toBe('ada@example.com');
    const calls = env.backend.controls.calls('jwks') + env.backend.controls.calls('me') + env.backend.controls.calls('refresh');
    // Without local keys, `claims` is answered by the user endpoint (DESIGN §3.5: fall back to `user`).
    expect(calls).toBe(verification === 'user-endpoint' ? 1 : 0);
  });

  it('user mode (/admin) asks the backend and sees a revocation (C13)', async () => {
    const cookie = await env.signIn();
    env.backend.controls.resetCounters();
    expect((await probeOf(await env.send('/admin', { cookie }))).route).toBe('admin');
    expect(env.backend.controls.calls('me')).toBe(1);
    env.backend.controls.revokeUser('ada@example.com');
    const response = await env.send('/admin', { cookie });
    expect(location(response)).toBe('/login?next=%2Fadmin');
    expect(response.headers.getSetCookie().some((line) => /^lockstep-session=;.*Max-Age=0/.test(line))).toBe(true);
  });
});
