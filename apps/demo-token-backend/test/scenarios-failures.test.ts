// C9–C12, C16 (and sign-out) for the token-backend provider through the Hono adapter.
import type { TokenBackendFault } from '@lockstep/mock-token-backend';
import { describe, expect, it } from 'vitest';
import { COOKIE, location, TOKEN_LIFETIME, USER, useEnv } from './support.js';

const deletesSession = (response: Response): boolean => response.headers.getSetCookie().some((line) => line.startsWith(`${COOKIE}=;`) && /Max-Age=0/.test(line));

/** Cookie values that are not a session (C16). */
function malformedCookies(): [string, string][] {
  const b64 = (text: string): string => Buffer.from(text).toString('base64url');
  return [
    ['bad base64', `${COOKIE}=v1.%%%not-base64`],
    ['bad JSON', `${COOKIE}=v1.${b64('{"at":')}`],
    ['no version prefix', `${COOKIE}=${b64('{"at":"a","rt":"b","exp":1}')}`],
    ['wrong shape', `${COOKIE}=v1.${b64('{"error":"nope"}')}`],
    ['missing chunk', `${COOKIE}.0=v1.${b64('{"at":"a"')}; ${COOKIE}.2=x`],
    ['huge', Array.from({ length: 12 }, (_, index) => `${COOKIE}.${index}=${'a'.repeat(3000)}`).join('; ')],
  ];
}

describe('failures (token backend, Hono)', () => {
  const env = useEnv('jwks');

  describe('C9 refresh rejected (signed out elsewhere)', () => {
    it('page → login, API → 401; the session cookie is cleared', async () => {
      const cookie = await env.expiredSession();
      env.backend.controls.revokeUser(USER.email);
      const page = await env.send('/dashboard', { cookie });
      expect(location(page)).toBe('/login?next=%2Fdashboard');
      expect(deletesSession(page)).toBe(true);
      const api = await env.send('/api/me', { cookie, as: 'api' });
      expect(api.status).toBe(401);
      expect(await api.json()).toMatchObject({ error: 'unauthorized', reason: 'session_not_found' });
      expect(deletesSession(api)).toBe(true);
    });
  });

  describe('C10 refresh token reuse detected', () => {
    it('as C9, with refresh_token_already_used recorded', async () => {
      const cookie = await env.expiredSession();
      expect((await env.send('/dashboard', { cookie })).status).toBe(200);
      // Past the successor TTL (10 s) and the backend's reuse interval (10 s): the spent token is a reuse.
      env.backend.clock.advance(11);
      const response = await env.send('/api/me', { cookie, as: 'api' });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ reason: 'refresh_token_already_used' });
      expect(deletesSession(response)).toBe(true);
      expect(env.events).toContainEqual({ type: 'session.signed_out', reason: 'refresh_token_already_used' });
    });
  });

  const outages: [string, TokenBackendFault][] = [
    ['503', { kind: 'status', status: 503 }],
    ['429', { kind: 'rate-limit' }],
    ['connection drop', { kind: 'drop' }],
    ['HTML instead of JSON', { kind: 'html' }],
  ];

  describe('C11 backend down, access token still valid (inside the refresh margin)', () => {
    it.each(outages)('%s: passes with the current token, no cookie change', async (_name, fault) => {
      const cookie = await env.signIn();
      await env.send('/dashboard', { cookie }); // key set cached
      env.backend.clock.advance(TOKEN_LIFETIME - 60);
      env.backend.controls.fail('refresh', fault);
      const response = await env.send('/dashboard', { cookie });
      expect(response.status).toBe(200);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(env.backend.controls.calls('refresh')).toBe(1);
    });
  });

  describe('C12 backend down or slow, token expired', () => {
    it.each([...outages, ['timeout', { kind: 'delay', ms: 5000 }] as [string, TokenBackendFault]])('%s: cookies kept; page 503, API 503 JSON; bounded latency', async (_name, fault) => {
      env.rebuild({ authTimeoutMs: 300 });
      const cookie = await env.expiredSession();
      env.backend.controls.fail('refresh', fault);
      const started = performance.now();
      const page = await env.send('/dashboard', { cookie });
      expect(performance.now() - started).toBeLessThan(2000);
      expect(page.status).toBe(503);
      expect(page.headers.get('retry-after')).not.toBeNull();
      expect(page.headers.getSetCookie()).toEqual([]);
      const api = await env.send('/api/me', { cookie, as: 'api' });
      expect(api.status).toBe(503);
      expect(await api.json()).toMatchObject({ error: 'auth_unavailable' });
      expect(api.headers.getSetCookie()).toEqual([]);
    });
  });

  describe('C16 malformed cookies → anonymous, cleared, never a 500', () => {
    it.each(malformedCookies())('%s', async (_name, cookie) => {
      const page = await env.send('/dashboard', { cookie });
      expect(location(page)).toBe('/login?next=%2Fdashboard');
      expect(page.headers.getSetCookie().length).toBeGreaterThan(0);
      expect(page.headers.getSetCookie().every((line) => /Max-Age=0/.test(line))).toBe(true);
      const api = await env.send('/api/me', { cookie, as: 'api' });
      expect(api.status).toBe(401);
      expect(await api.json()).toMatchObject({ reason: 'malformed_cookie' });
      expect(env.backend.controls.calls('refresh')).toBe(0);
    });
  });

  describe('C14 a tampered token is never authenticated', () => {
    it('a cookie whose access token was re-signed by someone else is anonymous', async () => {
      const cookie = await env.signIn();
      const value = decodeURIComponent(cookie.slice(`${COOKIE}=`.length));
      const stored = JSON.parse(Buffer.from(value.slice(3), 'base64url').toString()) as { at: string };
      const [header, payload] = stored.at.split('.');
      const forged = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
      forged.sub = 'someone-else';
      const tampered = { ...stored, at: `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${stored.at.split('.')[2]}` };
      const response = await env.send('/api/me', { cookie: `${COOKIE}=v1.${Buffer.from(JSON.stringify(tampered)).toString('base64url')}`, as: 'api' });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ reason: 'invalid_token' });
    });
  });

  describe('C24 sign-out', () => {
    it('tells the backend, clears the cookie, and the refresh token is dead afterwards', async () => {
      const cookie = await env.signIn();
      const response = await env.send('/logout', { cookie, method: 'POST' });
      expect(location(response)).toBe('/login');
      expect(deletesSession(response)).toBe(true);
      expect(env.backend.controls.calls('logout')).toBe(1);
      env.backend.clock.advance(TOKEN_LIFETIME + 1);
      const after = await env.send('/api/me', { cookie, as: 'api' });
      expect(await after.json()).toMatchObject({ reason: 'session_not_found' });
    });
  });
});
