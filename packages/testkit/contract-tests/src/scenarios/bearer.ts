// C37: API clients with `Authorization: Bearer <access token>`, through every adapter: checked like a cookie, never refreshed, never on pages, never mixed.
import { describe, expect, it } from 'vitest';
import { probeOf, type ContractEnv } from '../environment.js';

const OTHER_USER = { email: 'bob@example.com', password: 'correct-horse-2' } as const;

export function bearerScenarios(env: ContractEnv): void {
  describe('C37 Bearer tokens on API routes', () => {
    it('a valid access token alone signs the API request in; nothing is written', async () => {
      const { session } = await env.signIn();
      const response = await env.send('/api/me', { as: 'api', headers: { authorization: `Bearer ${session.accessToken}` } });
      expect(response.status).toBe(200);
      expect((await probeOf(response)).user?.id).toBe(session.user.id);
      expect(response.headers.getSetCookie()).toEqual([]);
    });

    it('an expired token gets 401 error="invalid_token", and no refresh is attempted', async () => {
      const { session } = await env.signIn();
      await env.advance(3601);
      env.backend.resetCounters();
      const response = await env.send('/api/me', { as: 'api', headers: { authorization: `Bearer ${session.accessToken}` } });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="lockstep", error="invalid_token"');
      expect(await response.json()).toEqual({ error: 'unauthorized', reason: 'session_expired' });
      expect(env.backend.calls('refresh')).toBe(0);
      expect(response.headers.getSetCookie()).toEqual([]);
    });

    it('a token with a forged payload gets 401', async () => {
      const { session } = await env.signIn();
      const [header = '', payload = '', signature = ''] = session.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: '00000000-0000-4000-8000-000000000000' })).toString('base64url')}.${signature}`;
      const response = await env.send('/api/me', { as: 'api', headers: { authorization: `Bearer ${forged}` } });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
    });

    it('is ignored on a page: a navigation with only a Bearer header goes to login', async () => {
      const { session } = await env.signIn();
      const response = await env.send('/dashboard', { headers: { authorization: `Bearer ${session.accessToken}` } });
      expect(env.location(response)).toBe('/login?next=%2Fdashboard');
    });

    it('is refused beside another user’s session cookie (one request, one user)', async () => {
      const { session } = await env.signIn();
      env.backend.createUser(OTHER_USER.email, OTHER_USER.password);
      const other = await env.backend.issueSession(OTHER_USER.email);
      const response = await env.send('/api/me', { as: 'api', cookie: env.cookieFor(other), headers: { authorization: `Bearer ${session.accessToken}` } });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'unauthorized', reason: 'ambiguous_session' });
    });
  });

  if (env.backend.capabilities.supabaseWireFormat) {
    describe('C37 Bearer: Supabase API keys are not user tokens', () => {
      it('supabase-js’s anonymous Authorization (the API key) beside a session cookie: the cookie decides', async () => {
        const { session, cookie } = await env.signIn();
        const response = await env.send('/api/me', { as: 'api', cookie, headers: { authorization: `Bearer ${env.mock.anonKey}`, apikey: env.mock.anonKey } });
        expect(response.status).toBe(200);
        expect((await probeOf(response)).user?.id).toBe(session.user.id);
      });
    });
  }
}
