// C33: duplicate session cookies (cookie tossing) and refreshes that would switch the user.
import { describe, expect, it } from 'vitest';
import { probeOf, type ContractEnv } from '../environment.js';
import { TOKEN_LIFETIME } from '../fixture.js';

const OTHER_USER = { email: 'mallory@example.com', password: 'mallory-password-1' } as const;

/** The token with its payload's `sub` replaced and the signature left as it was: it no longer verifies. */
function withForeignSubject(token: string): string {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  return [header, Buffer.from(JSON.stringify({ ...claims, sub: '00000000-0000-4000-8000-000000000000' })).toString('base64url'), signature].join('.');
}

export function duplicateCookieScenarios(env: ContractEnv): void {
  const planted = (value: string): string => `${env.cookieName}=${value}`;
  const otherUsersSession = async () => {
    env.backend.createUser(OTHER_USER.email, OTHER_USER.password);
    return env.backend.issueSession(OTHER_USER.email);
  };

  describe('C33 duplicate session cookies: the valid one wins, nothing valid is cleared', () => {
    it('a malformed cookie of the same name sent first → the real session is used and not cleared', async () => {
      const { session, cookie } = await env.signIn();
      const response = await env.send('/api/me', { cookie: `${planted('%%%garbage')}; ${cookie}`, as: 'api' });
      expect((await probeOf(response)).user?.id).toBe(session.user.id);
      expect(response.headers.getSetCookie()).toEqual([]);
    });

    it('a forged token sent first → the real session is used', async () => {
      const { session, cookie } = await env.signIn();
      const forged = env.cookieFor({ ...session, accessToken: withForeignSubject(session.accessToken) });
      const response = await env.send('/api/me', { cookie: `${forged}; ${cookie}`, as: 'api' });
      expect((await probeOf(response)).user?.id).toBe(session.user.id);
      expect(response.headers.getSetCookie()).toEqual([]);
    });

    it('an expired copy of the same user\'s session next to the live one → the user stays signed in', async () => {
      const { session, cookie } = await env.signIn();
      const stale = env.cookieFor({ ...session, refreshToken: 'spent-refresh-token', expiresAt: 1 });
      const response = await env.send('/api/me', { cookie: `${stale}; ${cookie}`, as: 'api' });
      expect((await probeOf(response)).user?.id).toBe(session.user.id);
    });

    it('valid sessions of two different users → neither is used, nothing is cleared', async () => {
      const { cookie } = await env.signIn();
      const mallory = env.cookieFor(await otherUsersSession());
      const response = await env.send('/api/me', { cookie: `${mallory}; ${cookie}`, as: 'api' });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ reason: 'ambiguous_session' });
      expect(response.headers.getSetCookie()).toEqual([]);
      // Without the planted cookie the user is signed in as before.
      expect((await env.send('/api/me', { cookie, as: 'api' })).status).toBe(200);
    });
  });

  describe('C33 a refresh that would switch the user is refused', () => {
    it('an expired access token of one user with another user\'s refresh token → signed out, cookies cleared', async () => {
      const { session } = await env.signIn();
      const mallory = await otherUsersSession();
      await env.advance(TOKEN_LIFETIME + 1);
      const spliced = env.cookieFor({ ...session, refreshToken: mallory.refreshToken });
      const response = await env.send('/api/me', { cookie: spliced, as: 'api' });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ reason: 'user_mismatch' });
      const lines = response.headers.getSetCookie();
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((line) => /Max-Age=0/.test(line))).toBe(true);
    });
  });
}
