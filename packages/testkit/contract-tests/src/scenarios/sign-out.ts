// C24: the sign-out helper ends the session at the auth server and always clears the cookies.
import { describe, expect, it } from 'vitest';
import type { ContractEnv } from '../environment.js';
import { FIXTURE_USER, TOKEN_LIFETIME } from '../fixture.js';
import type { RunningApp } from '../harness.js';
import { parseSetCookies } from '../session-cookies.js';

export function signOutScenarios(env: ContractEnv): void {
  const form = { method: 'POST', body: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } } as const;
  const expectSignedOut = (response: Response, app?: RunningApp): void => {
    expect(response.status).toBe(303);
    expect(env.location(response, app)).toBe('/login');
    const lines = parseSetCookies(response.headers.getSetCookie());
    expect(lines.map((line) => line.name)).toContain(env.cookieName);
    expect(lines.every((line) => line.deletes)).toBe(true);
  };
  const sessionCount = (): number => env.backend.liveSessions(FIXTURE_USER.email);

  describe('C24 sign-out helper', () => {
    it('scope local: ends this session at the auth server, clears the cookies, keeps other sessions', async () => {
      const { cookie } = await env.signIn();
      await env.signIn(); // another device
      const response = await env.send('/logout', { ...form, cookie });
      expectSignedOut(response);
      expect(env.backend.calls('logout')).toBe(1);
      expect(sessionCount()).toBe(1);
      // The signed-out session is dead at the backend: its refresh token no longer renews it.
      await env.advance(TOKEN_LIFETIME + 1);
      const replayed = await env.send('/api/me', { cookie, as: 'api' });
      expect(replayed.status).toBe(401);
      expect(await replayed.json()).toMatchObject({ error: 'unauthorized', reason: env.backend.revokedReason });
    });

    if (env.backend.capabilities.signOutEverywhere) it('scope global: ends every session of the user', async () => {
      // An app of its own: the instance now refuses the user's tokens issued up to this second (revocation).
      const app = await env.startApp({});
      const { cookie } = await env.signIn();
      await env.signIn();
      expectSignedOut(await env.send('/logout?scope=global', { ...form, cookie, app }), app);
      expect(sessionCount()).toBe(0);
    });

    if (env.backend.capabilities.signOutEverywhere) it('scope others: ends the user\'s other sessions and keeps this one signed in', async () => {
      // An app of its own, as for `global`: the revocation spares only this session of the user.
      const app = await env.startApp({});
      const { cookie } = await env.signIn();
      const other = await env.signIn();
      const response = await env.send('/logout?scope=others', { ...form, cookie, app });
      expect(response.status).toBe(303);
      expect(parseSetCookies(response.headers.getSetCookie()).filter((line) => line.deletes)).toEqual([]);
      expect(sessionCount()).toBe(1);
      expect((await env.send('/api/me', { cookie, as: 'api', app })).status).toBe(200);
      // The app refuses the other session at once (revocation) when its tokens name their session
      // and the sign-out ran in the instance that checks requests (an app built in this process; a
      // Next app's proxy and route handlers are separate instances without a shared revocation
      // store). Otherwise the ended session stops at its next refresh, which the server refuses.
      const immediate = env.backend.capabilities.sessionIdClaim && env.capabilities.inProcessOptions === true;
      if (!immediate) await env.advance(TOKEN_LIFETIME + 1);
      const ended = await env.send('/api/me', { cookie: other.cookie, as: 'api', app });
      expect(ended.status).toBe(401);
      expect(await ended.json()).toMatchObject({ error: 'unauthorized', reason: immediate ? 'session_revoked' : env.backend.revokedReason });
    });

    it('with an expired access token: the server is still told, the cookies cleared', async () => {
      const { cookie } = await env.signIn();
      await env.advance(TOKEN_LIFETIME + 1);
      expectSignedOut(await env.send('/logout', { ...form, cookie }));
      expect(sessionCount()).toBe(0);
    });

    it('while the auth server is down: the cookies are cleared anyway', async () => {
      const { cookie } = await env.signIn();
      env.backend.fail('logout', { kind: 'status', status: 503 });
      expectSignedOut(await env.send('/logout', { ...form, cookie }));
      expect(env.backend.calls('logout')).toBeGreaterThan(0);
    });
  });

  describe('C34 a cross-site sign-out is refused', () => {
    it.each([
      ['another site', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
      ['a sibling subdomain', { origin: 'https://evil.localhost', 'sec-fetch-site': 'same-site' }],
      ['a sandboxed frame (Origin: null)', { origin: 'null' }],
    ])('POST /logout from %s → 403, nothing cleared, the session lives on', async (_name, headers) => {
      const { cookie } = await env.signIn();
      const response = await env.send('/logout', { ...form, cookie, headers: { ...form.headers, ...headers } });
      expect(response.status).toBe(403);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(env.backend.calls('logout')).toBe(0);
      expect(sessionCount()).toBe(1);
    });

    it('POST /logout from the app\'s own page (same-origin fetch metadata) signs out', async () => {
      const { cookie } = await env.signIn();
      expectSignedOut(await env.send('/logout', { ...form, cookie, headers: { ...form.headers, 'sec-fetch-site': 'same-origin' } }));
    });
  });
}
