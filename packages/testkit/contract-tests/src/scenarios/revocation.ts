// C39: revocation reaches the cached `claims` path: revokeSession / revokeUser on an instance, and sign-outs through the adapter.
import { describe, expect, it } from 'vitest';
import type { BackendSession } from '../backends/contract-backend.js';
import type { ContractEnv } from '../environment.js';
import { FIXTURE_USER } from '../fixture.js';
import type { RunningApp } from '../harness.js';
import { parseSetCookies } from '../session-cookies.js';

/** The `session_id` claim of a session's access token (decoded, not verified: the test issued it). */
function sessionIdOf(session: BackendSession): string {
  const payload = session.accessToken.split('.')[1] ?? '';
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { session_id?: unknown };
  if (typeof claims.session_id !== 'string') throw new Error('contract suite: a backend with sessionIdClaim issued a token without session_id');
  return claims.session_id;
}

export function revocationScenarios(env: ContractEnv): void {
  // Registered only where the suite can hand the app a revocation store (see `inProcessOptions`).
  if (env.capabilities.inProcessOptions !== true) return;
  const { sessionIdClaim, signOutEverywhere } = env.backend.capabilities;
  const form = { method: 'POST', body: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } } as const;

  const expectRefusedAndCleared = async (app: RunningApp, cookie: string): Promise<void> => {
    const page = await env.send('/dashboard', { app, cookie });
    expect(page.status).toBe(307);
    expect(env.location(page, app)).toMatch(/^\/login\?/);
    const lines = parseSetCookies(page.headers.getSetCookie());
    expect(lines.map((line) => line.name)).toContain(env.cookieName);
    expect(lines.every((line) => line.deletes)).toBe(true);
    const api = await env.send('/api/me', { app, cookie, as: 'api' });
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ error: 'unauthorized', reason: 'session_revoked' });
  };
  const expectSignedIn = async (app: RunningApp, cookie: string): Promise<void> => {
    expect((await env.send('/dashboard', { app, cookie })).status).toBe(200);
  };
  const otherUser = async (): Promise<string> => {
    env.backend.createUser('grace@example.com', 'correct-horse-2');
    return env.cookieFor(await env.backend.issueSession('grace@example.com'));
  };

  describe('C39 revocation reaches the cached claims path', () => {
    if (sessionIdClaim) it('revokeSession on an instance: that session is refused on a protected page, its cookies cleared, without asking the auth server; the user’s other session lives on', async () => {
      const { app, admin } = await env.startAppWithRevocations();
      const laptop = await env.signIn();
      const phone = await env.signIn();
      await expectSignedIn(app, laptop.cookie);
      env.backend.resetCounters();
      await admin.revokeSession(sessionIdOf(laptop.session));
      await expectRefusedAndCleared(app, laptop.cookie);
      await expectSignedIn(app, phone.cookie);
      expect(env.backend.calls('user') + env.backend.calls('refresh')).toBe(0);
    });

    it('revokeUser on an instance: every session of the user is refused and cleared; other users go on; a sign-in after it works', async () => {
      const { app, admin } = await env.startAppWithRevocations();
      const laptop = await env.signIn();
      const phone = await env.signIn();
      const grace = await otherUser();
      for (const cookie of [laptop.cookie, phone.cookie, grace]) await expectSignedIn(app, cookie);
      await admin.revokeUser(laptop.session.user.id);
      await expectRefusedAndCleared(app, laptop.cookie);
      await expectRefusedAndCleared(app, phone.cookie);
      await expectSignedIn(app, grace);
      // Tokens issued after the revocation's second are not covered by it.
      await env.advance(1);
      await expectSignedIn(app, (await env.signIn()).cookie);
    });

    if (signOutEverywhere) it('a global sign-out through the adapter refuses the user’s other browser on the claims path, without asking the auth server', async () => {
      const { app } = await env.startAppWithRevocations();
      const here = await env.signIn();
      const elsewhere = await env.signIn();
      // The other browser's token is verified (and cached) before the sign-out.
      await expectSignedIn(app, elsewhere.cookie);
      expect((await env.send('/logout?scope=global', { ...form, app, cookie: here.cookie })).status).toBe(303);
      env.backend.resetCounters();
      await expectRefusedAndCleared(app, elsewhere.cookie);
      expect(env.backend.calls('user') + env.backend.calls('refresh')).toBe(0);
      expect(env.backend.liveSessions(FIXTURE_USER.email)).toBe(0);
    });

    if (sessionIdClaim) it('a local sign-out through the adapter refuses a copy of the same session (another jar holding its cookies), not the user’s other session', async () => {
      const { app } = await env.startAppWithRevocations();
      const session = await env.signIn();
      const other = await env.signIn();
      await expectSignedIn(app, session.cookie);
      expect((await env.send('/logout', { ...form, app, cookie: session.cookie })).status).toBe(303);
      env.backend.resetCounters();
      await expectRefusedAndCleared(app, session.cookie);
      expect(env.backend.calls('user') + env.backend.calls('refresh')).toBe(0);
      await expectSignedIn(app, other.cookie);
    });
  });
}
