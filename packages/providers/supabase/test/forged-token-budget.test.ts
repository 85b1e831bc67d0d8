// C32 and user-mode claims: forged tokens cannot drive the app's auth-server calls, nor pass `user` mode with the wrong claims.
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createHarness } from './support.js';

const SECRET = 'a-test-only-hs256-secret-of-32-chars!!';
const FORGED_REQUESTS = 200;

/** An HS256 token with the claims a real one carries, signed with `secret`. */
async function hsToken(secret: string, claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

describe('tokens no local key can verify cost a bounded number of GET /user calls (C32)', () => {
  it(`${FORGED_REQUESTS} distinct forged HS256 tokens → at most the budget of calls; over it anonymous, nothing cleared`, async () => {
    const h = await createHarness({ jwt: { serverChecksPerMinute: 20 } }, { jwtAlgorithm: 'HS256', jwtSecret: SECRET });
    const real = await h.signIn();
    const issuer = `${h.mock.url}/auth/v1`;
    const outcomes = [];
    for (let i = 0; i < FORGED_REQUESTS; i++) {
      const forged = await hsToken(`forged-secret-${i}-padding-to-32-chars!!`, { iss: issuer, aud: 'authenticated', sub: real.user.id, exp: h.now() + 3600, iat: h.now() });
      outcomes.push(await h.lockstep.handle(h.request('/api/me', { cookie: h.cookieFor({ ...real, access_token: forged }), api: true })));
    }
    expect(h.mock.controls.calls('user')).toBe(20);
    const overBudget = outcomes.slice(20);
    expect(overBudget.every((outcome) => outcome.kind === 'respond' && outcome.status === 401)).toBe(true);
    expect(overBudget.every((outcome) => outcome.cookies.setCookie.length === 0)).toBe(true);
    expect(overBudget[0]).toMatchObject({ body: { reason: 'unverified_token' } });
    expect(h.events.filter((event) => event.type === 'verify.over_budget')).toHaveLength(FORGED_REQUESTS - 20);
  });

  it('a replayed forged token is refused from memory, without a second call', async () => {
    const h = await createHarness({}, { jwtAlgorithm: 'HS256', jwtSecret: SECRET });
    const real = await h.signIn();
    const forged = await hsToken('forged-secret-padding-to-32-chars!!!!', { iss: `${h.mock.url}/auth/v1`, aud: 'authenticated', sub: real.user.id, exp: h.now() + 3600 });
    const cookie = h.cookieFor({ ...real, access_token: forged });
    for (let i = 0; i < 50; i++) await h.lockstep.handle(h.request('/api/me', { cookie, api: true }));
    expect(h.mock.controls.calls('user')).toBe(1);
  });

  it('a real HS256 session (no secret configured) is checked once, then served from memory in claims mode', async () => {
    const h = await createHarness({}, { jwtAlgorithm: 'HS256', jwtSecret: SECRET });
    const cookie = h.cookieFor(await h.signIn());
    for (let i = 0; i < 20; i++) {
      expect(await h.lockstep.handle(h.request('/api/me', { cookie, api: true }))).toMatchObject({ kind: 'continue', auth: { kind: 'authenticated' } });
    }
    expect(h.mock.controls.calls('user')).toBe(1);
  });

  it('the budget is per minute of the injected clock', async () => {
    const h = await createHarness({ jwt: { serverChecksPerMinute: 2 } }, { jwtAlgorithm: 'HS256', jwtSecret: SECRET });
    const real = await h.signIn();
    const send = async (i: number): Promise<void> => {
      const forged = await hsToken(`forged-secret-${i}-padding-to-32-chars!!`, { iss: `${h.mock.url}/auth/v1`, aud: 'authenticated', sub: real.user.id, exp: h.now() + 3600 });
      await h.lockstep.handle(h.request('/api/me', { cookie: h.cookieFor({ ...real, access_token: forged }), api: true }));
    };
    for (let i = 0; i < 5; i++) await send(i);
    expect(h.mock.controls.calls('user')).toBe(2);
    h.mock.controls.clock.advance(60);
    for (let i = 5; i < 10; i++) await send(i);
    expect(h.mock.controls.calls('user')).toBe(4);
  });

  it('a forged token with the wrong issuer is refused before any call', async () => {
    const h = await createHarness({}, { jwtAlgorithm: 'HS256', jwtSecret: SECRET });
    const real = await h.signIn();
    const forged = await hsToken(SECRET, { iss: 'https://elsewhere.test/auth/v1', aud: 'authenticated', sub: real.user.id, exp: h.now() + 3600 });
    const outcome = await h.lockstep.handle(h.request('/api/me', { cookie: h.cookieFor({ ...real, access_token: forged }), api: true }));
    expect(outcome).toMatchObject({ kind: 'respond', status: 401, body: { reason: 'invalid_token' } });
    expect(h.mock.controls.calls('user')).toBe(0);
  });
});

describe('user mode checks the claims like claims mode, then asks the auth server (both must pass)', () => {
  // Signed with the project's real secret, so GET /user (which checks neither iss nor most of aud) accepts them.
  it.each([
    ['a wrong issuer', { iss: 'https://elsewhere.test/auth/v1' }],
    ['a trailing-slash issuer', { iss: 'TRAILING' }],
    ['no issuer', { iss: undefined }],
    ['aud "anon"', { aud: 'anon' }],
    ['aud ["other"]', { aud: ['other'] }],
    ['no aud', { aud: undefined }],
  ])('%s → refused on a user-mode route, with and without the secret configured', async (_name, edit) => {
    for (const options of [{}, { jwt: { secret: SECRET } }]) {
      const h = await createHarness(options, { jwtAlgorithm: 'HS256', jwtSecret: SECRET });
      const real = await h.signIn();
      const issuer = `${h.mock.url}/auth/v1`;
      const claims: Record<string, unknown> = { iss: issuer, aud: 'authenticated', sub: real.user.id, role: 'authenticated', session_id: 'x', exp: h.now() + 3600, iat: h.now() };
      for (const [key, value] of Object.entries(edit)) {
        if (value === undefined) delete claims[key];
        else claims[key] = value === 'TRAILING' ? `${issuer}/` : value;
      }
      const forged = await hsToken(SECRET, claims);
      const outcome = await h.lockstep.handle(h.request('/admin', { cookie: h.cookieFor({ ...real, access_token: forged }), api: true }));
      expect(outcome, JSON.stringify(options)).toMatchObject({ kind: 'respond', status: 401, body: { reason: 'invalid_token' } });
      expect(await h.lockstep.verifyRequest(h.request('/admin', { cookie: h.cookieFor({ ...real, access_token: forged }) }), 'user')).toMatchObject({ kind: 'anonymous' });
    }
  });

  it('a genuine session passes user mode and asks the server every time', async () => {
    const h = await createHarness({ jwt: { secret: SECRET } }, { jwtAlgorithm: 'HS256', jwtSecret: SECRET });
    const cookie = h.cookieFor(await h.signIn());
    for (let i = 0; i < 3; i++) {
      expect(await h.lockstep.handle(h.request('/admin', { cookie, api: true }))).toMatchObject({ kind: 'continue', auth: { kind: 'authenticated', verifiedBy: 'user' } });
    }
    expect(h.mock.controls.calls('user')).toBe(3);
  });
});
