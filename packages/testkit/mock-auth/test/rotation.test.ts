// Refresh-token rotation: one test per row L1–L9 of spec §3.4, the clock driven through the controls.
import { beforeEach, describe, expect, it } from 'vitest';
import { createMockAuth, type MockAuth } from '../src/index.js';
import { ALICE, call, refresh, refreshOk, sessionIdOf, signInWithPassword } from './helpers.js';

let mock: MockAuth;

beforeEach(async () => {
  mock = await createMockAuth({ users: [ALICE], reuseIntervalSeconds: 10 });
  mock.controls.clock.freeze();
});

/** RT0 → RT1 → RT2 with a second between swaps; returns the tokens and the sign-in body. */
async function chainOfThree() {
  const signIn = await signInWithPassword(mock, ALICE.email, ALICE.password);
  const rt0 = signIn.refresh_token;
  mock.controls.clock.advance(1);
  const rt1 = await refreshOk(mock, rt0);
  mock.controls.clock.advance(1);
  const rt2 = await refreshOk(mock, rt1);
  return { signIn, rt0, rt1, rt2 };
}

describe('legacy rotation (spec §3.4)', () => {
  it('L1: replaying the parent of an unused child returns that child, even hours later', async () => {
    const signIn = await signInWithPassword(mock, ALICE.email, ALICE.password);
    const rt0 = signIn.refresh_token;
    const first = await refresh(mock, rt0);
    expect(first.status).toBe(200);
    const rt1 = first.body.refresh_token as string;
    expect(rt1).not.toBe(rt0);
    expect(mock.controls.refreshToken(rt1)?.parent).toBe(rt0);

    mock.controls.clock.advance(5 * 3600);
    const replay = await refresh(mock, rt0);
    expect(replay.status).toBe(200);
    expect(replay.body.refresh_token).toBe(rt1);
    expect(replay.body.access_token).not.toBe(first.body.access_token);
    expect(sessionIdOf(replay.body.access_token as string)).toBe(sessionIdOf(signIn.access_token));
    expect(replay.headers.get('sb-auth-refresh-token-reuse')).toBeNull();
    expect(first.headers.get('sb-auth-refresh-token-reuse')).toBe('false');
    expect(mock.controls.session(sessionIdOf(signIn.access_token))?.refreshTokens).toHaveLength(2);
  });

  it('L2: two concurrent refreshes with one token both get the same child', async () => {
    const { refresh_token: rt0 } = await signInWithPassword(mock, ALICE.email, ALICE.password);
    const [a, b] = await Promise.all([refresh(mock, rt0), refresh(mock, rt0)]);
    expect(a?.status).toBe(200);
    expect(b?.status).toBe(200);
    expect(a?.body.refresh_token).toBe(b?.body.refresh_token);
    expect(mock.controls.refreshToken(a?.body.refresh_token as string)?.parent).toBe(rt0);
  });

  it('L3: replaying the parent of the active token returns the active token', async () => {
    const { rt1, rt2 } = await chainOfThree();
    mock.controls.clock.advance(3600);
    const replay = await refresh(mock, rt1);
    expect(replay.status).toBe(200);
    expect(replay.body.refresh_token).toBe(rt2);
  });

  it('L4: a grandparent inside the reuse window forks a new child; the active token stays usable', async () => {
    const { rt0, rt2 } = await chainOfThree();
    const revokedAt = mock.controls.refreshToken(rt0)?.updatedAt ?? 0;
    mock.controls.clock.set(revokedAt + 10_000); // exactly at the window's end: still allowed
    const reuse = await refresh(mock, rt0);
    expect(reuse.status).toBe(200);
    const rt3 = reuse.body.refresh_token as string;
    expect(rt3).not.toBe(rt2);
    expect(mock.controls.refreshToken(rt3)).toMatchObject({ parent: rt0, revoked: false, active: true });
    expect(mock.controls.refreshToken(rt2)).toMatchObject({ revoked: false, active: false });
    expect((await refresh(mock, rt2)).status).toBe(200);
  });

  it('L4 (sliding window): each allowed reuse moves the window', async () => {
    const { rt0 } = await chainOfThree();
    mock.controls.clock.advance(8);
    const rt3 = await refreshOk(mock, rt0);
    await refreshOk(mock, rt3); // rt0 is no longer the active token's parent
    mock.controls.clock.advance(8); // 16 s after the first revocation, 8 s after the last reuse
    const rt5 = await refreshOk(mock, rt0);
    await refreshOk(mock, rt5);
    mock.controls.clock.advance(11);
    expect((await refresh(mock, rt0)).body.code).toBe('refresh_token_already_used');
  });

  it('L5: a grandparent after the window revokes the family but keeps the session', async () => {
    const { signIn, rt0, rt2 } = await chainOfThree();
    mock.controls.clock.advance(11);
    const reuse = await refresh(mock, rt0);
    expect(reuse.status).toBe(400);
    expect(reuse.body).toEqual({ code: 'refresh_token_already_used', message: 'Invalid Refresh Token: Already Used' });
    const session = mock.controls.session(sessionIdOf(signIn.access_token));
    expect(session).toBeDefined();
    expect(session?.refreshTokens.every((t) => t.revoked)).toBe(true);
    expect(mock.controls.refreshToken(rt2)?.updatedAt).toBe(mock.controls.clock.now());
    const user = await call(mock, 'GET', '/user', { token: signIn.access_token });
    expect(user.status).toBe(200);
  });

  it('L6: after L5 the revoked active token is reusable within the window (the session revives)', async () => {
    const { rt0, rt2 } = await chainOfThree();
    mock.controls.clock.advance(11);
    expect((await refresh(mock, rt0)).status).toBe(400);
    mock.controls.clock.advance(9);
    const revive = await refresh(mock, rt2);
    expect(revive.status).toBe(200);
    const rt4 = revive.body.refresh_token as string;
    expect(mock.controls.refreshToken(rt4)).toMatchObject({ parent: rt2, active: true });
  });

  it('L7: after L5 the revoked active token is rejected once the window has passed', async () => {
    const { rt0, rt2 } = await chainOfThree();
    mock.controls.clock.advance(11);
    expect((await refresh(mock, rt0)).status).toBe(400);
    mock.controls.clock.advance(11);
    const late = await refresh(mock, rt2);
    expect(late.status).toBe(400);
    expect(late.body.code).toBe('refresh_token_already_used');
  });

  describe('L8: refresh_token_not_found after the session or user is gone', () => {
    const notFound = { code: 'refresh_token_not_found', message: 'Invalid Refresh Token: Refresh Token Not Found' };

    it('after logout', async () => {
      const signIn = await signInWithPassword(mock, ALICE.email, ALICE.password);
      expect((await call(mock, 'POST', '/logout?scope=global', { token: signIn.access_token })).status).toBe(204);
      expect((await refresh(mock, signIn.refresh_token)).body).toEqual(notFound);
    });

    it('after a password change in another session', async () => {
      const other = await signInWithPassword(mock, ALICE.email, ALICE.password);
      const current = await signInWithPassword(mock, ALICE.email, ALICE.password);
      const update = await call(mock, 'PUT', '/user', { token: current.access_token, body: { password: 'a-new-password' } });
      expect(update.status).toBe(200);
      expect((await refresh(mock, other.refresh_token)).body).toEqual(notFound);
      expect((await refresh(mock, current.refresh_token)).status).toBe(200);
    });

    it('after the user is deleted', async () => {
      const signIn = await signInWithPassword(mock, ALICE.email, ALICE.password);
      expect(mock.controls.deleteUser(ALICE.email)).toBe(true);
      expect((await refresh(mock, signIn.refresh_token)).body).toEqual(notFound);
    });
  });

  it('L9: with interval 0, L4 is rejected at once while L1 and L3 still succeed', async () => {
    mock.controls.setReuseInterval(0);
    const { rt0, rt1, rt2 } = await chainOfThree();
    expect((await refresh(mock, rt1)).body.refresh_token).toBe(rt2); // L3
    const reuse = await refresh(mock, rt0); // L4 → L5
    expect(reuse.body.code).toBe('refresh_token_already_used');

    const fresh = await signInWithPassword(mock, ALICE.email, ALICE.password);
    const child = await refreshOk(mock, fresh.refresh_token);
    mock.controls.clock.advance(3600);
    expect((await refresh(mock, fresh.refresh_token)).body.refresh_token).toBe(child); // L1
  });

  it('with rotation disabled, reuse is rejected without revoking the family', async () => {
    mock.controls.updateSettings({ refreshTokenRotation: false });
    const { rt0, rt2 } = await chainOfThree();
    mock.controls.clock.advance(11);
    expect((await refresh(mock, rt0)).body.code).toBe('refresh_token_already_used');
    expect(mock.controls.refreshToken(rt2)?.revoked).toBe(false);
  });
});
