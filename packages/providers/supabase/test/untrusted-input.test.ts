// Scenarios C14–C16 and the server guard: nothing a browser can edit ever becomes a session by itself.
import { describe, expect, it } from 'vitest';
import { createHarness } from './support.js';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function withPayload(token: string, edit: (payload: Record<string, unknown>) => void): string {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  edit(claims);
  return [header, b64(claims), signature].join('.');
}

describe('tampered or untrusted tokens are never authenticated (C14)', () => {
  it.each([
    ['payload edited (sub changed)', (token: string) => withPayload(token, (claims) => { claims.sub = '00000000-0000-4000-8000-000000000000'; })],
    ['role escalated', (token: string) => withPayload(token, (claims) => { claims.role = 'service_role'; })],
    ['alg none', (token: string) => `${b64({ alg: 'none', typ: 'JWT' })}.${token.split('.')[1] ?? ''}.`],
    ['signature stripped', (token: string) => token.split('.').slice(0, 2).join('.') + '.'],
    ['not a JWT', () => 'not-a-jwt'],
  ])('%s → anonymous, cookies cleared, page redirected', async (_name, tamper) => {
    const h = await createHarness();
    const session = await h.signIn();
    const cookie = h.cookieFor({ ...session, access_token: tamper(session.access_token) });
    const outcome = await h.lockstep.handle(h.request('/dashboard', { cookie }));
    expect(outcome).toMatchObject({ kind: 'redirect', reason: 'unauthenticated' });
    expect(outcome.cookies.setCookie[0]).toMatch(/Max-Age=0/);
  });

  it.each([
    ['wrong issuer', { jwt: { issuer: 'https://elsewhere.test/auth/v1' } }],
    ['wrong audience', { jwt: { audience: 'service' } }],
  ])('%s → anonymous', async (_name, options) => {
    const h = await createHarness(options);
    const cookie = h.cookieFor(await h.signIn());
    const outcome = await h.lockstep.handle(h.request('/api/me', { cookie, api: true }));
    expect(outcome).toMatchObject({ kind: 'respond', status: 401, body: { reason: 'invalid_token' } });
  });

  it('an edited user object in the cookie does not change who the user is (claims come from the token)', async () => {
    const h = await createHarness();
    const session = await h.signIn();
    const cookie = h.cookieFor({ ...session, user: { ...session.user, email: 'admin@example.com', role: 'service_role' } });
    const outcome = await h.lockstep.handle(h.request('/dashboard', { cookie }));
    expect(outcome).toMatchObject({ kind: 'continue', auth: { kind: 'authenticated', user: { email: 'ada@example.com', role: 'authenticated' } } });
  });

  it('an expired token with a dead refresh token signs out', async () => {
    const h = await createHarness();
    const session = await h.signIn();
    const cookie = h.cookieFor({ ...session, refresh_token: 'aaaaaaaaaaaa' });
    h.mock.controls.clock.advance(3601);
    const outcome = await h.lockstep.handle(h.request('/api/me', { cookie, api: true }));
    expect(outcome).toMatchObject({ kind: 'respond', status: 401, body: { reason: 'refresh_token_not_found' } });
  });

  it('a far-future expires_at in the cookie cannot keep an expired token alive', async () => {
    const h = await createHarness();
    const session = await h.signIn();
    const cookie = h.cookieFor({ ...session, expires_at: session.expires_at + 10 * 365 * 86400 });
    h.mock.controls.clock.advance(3601);
    h.mock.controls.resetCounters();
    const outcome = await h.lockstep.handle(h.request('/dashboard', { cookie }));
    expect(outcome).toMatchObject({ kind: 'continue', auth: { kind: 'authenticated', refreshed: true } });
    expect(h.mock.controls.calls('token:refresh_token')).toBe(1);
  });
});

describe('session mode only where a rule opts in (C15)', () => {
  it('trusts an unverified token on /hints/** and nowhere else', async () => {
    const h = await createHarness();
    const session = await h.signIn();
    const forged = withPayload(session.access_token, (claims) => { claims.email = 'forged@example.com'; });
    const cookie = h.cookieFor({ ...session, access_token: forged, user: null });
    const hints = await h.lockstep.handle(h.request('/hints/banner', { cookie }));
    expect(hints).toMatchObject({ kind: 'continue', auth: { kind: 'authenticated', verifiedBy: 'session', user: { email: 'forged@example.com' } } });
    expect(await h.lockstep.handle(h.request('/dashboard', { cookie }))).toMatchObject({ kind: 'redirect' });
  });

  it('refuses session as the default mode', async () => {
    await expect(createHarness({ verify: 'session' as never })).rejects.toMatchObject({ code: 'ERR_CONFIG_VERIFY_MODE' });
  });
});

describe('malformed cookies (C16)', () => {
  it.each([
    ['bad base64', 'sb-127-auth-token=base64-%%%%'],
    ['bad JSON', `sb-127-auth-token=base64-${Buffer.from('{"access_token":').toString('base64url')}`],
    ['error body', `sb-127-auth-token=base64-${b64({ error: 'invalid_grant', access_token: 'x', refresh_token: 'y', expires_at: 1 })}`],
    ['missing chunk', `sb-127-auth-token.0=base64-eyJh; sb-127-auth-token.2=abc`],
    ['huge', `sb-127-auth-token=base64-${'A'.repeat(70_000)}`],
  ])('%s → anonymous, cleared, no 500', async (_name, cookie) => {
    const h = await createHarness();
    const outcome = await h.lockstep.handle(h.request('/dashboard', { cookie }));
    expect(outcome).toMatchObject({ kind: 'redirect', reason: 'unauthenticated' });
    expect(outcome.cookies.setCookie.length).toBeGreaterThan(0);
    expect(outcome.cookies.setCookie.every((line) => /Max-Age=0/.test(line))).toBe(true);
    expect(h.events).toContainEqual(expect.objectContaining({ type: 'cookie.malformed' }));
  });

  it('a malformed path is a 400 and never reaches the session', async () => {
    const h = await createHarness();
    expect(await h.lockstep.handle(h.request('/dash%ZZboard'))).toMatchObject({ kind: 'respond', status: 400 });
  });
});

describe('server guard: verifyRequest (DESIGN §3.9)', () => {
  it('re-verifies forwarded cookies without refreshing or writing', async () => {
    const h = await createHarness();
    const cookie = h.cookieFor(await h.signIn());
    expect(await h.lockstep.verifyRequest(h.request('/dashboard', { cookie }))).toMatchObject({ kind: 'authenticated', verifiedBy: 'claims' });
    expect(await h.lockstep.verifyRequest(h.request('/x', { cookie }), 'user')).toMatchObject({ kind: 'authenticated', verifiedBy: 'user' });
    h.mock.controls.clock.advance(3601);
    h.mock.controls.resetCounters();
    expect(await h.lockstep.verifyRequest(h.request('/dashboard', { cookie }))).toEqual({ kind: 'anonymous', reason: 'session_expired' });
    expect(h.mock.controls.calls('token:refresh_token') ?? 0).toBe(0);
    expect(await h.lockstep.verifyRequest(h.request('/dashboard'))).toEqual({ kind: 'anonymous', reason: 'no_session' });
  });
});

describe('server guard: guard() decides like the middleware', () => {
  it('allows a verified session and denies the rest with the same responses', async () => {
    const h = await createHarness();
    const cookie = h.cookieFor(await h.signIn());
    expect(await h.lockstep.guard(h.request('/dashboard', { cookie }))).toMatchObject({ kind: 'allowed', auth: { kind: 'authenticated' } });
    expect(await h.lockstep.guard(h.request('/dashboard?x=1'))).toMatchObject({ kind: 'denied', outcome: { kind: 'redirect', location: '/login?next=%2Fdashboard%3Fx%3D1' } });
    expect(await h.lockstep.guard(h.request('/api/me', { api: true }))).toMatchObject({ kind: 'denied', outcome: { kind: 'respond', status: 401 } });
    expect(await h.lockstep.guard(h.request('/dashboard'), { hint: { kind: 'action' } })).toMatchObject({ kind: 'denied', outcome: { kind: 'respond', status: 401 } });
    h.mock.controls.fail('user', { kind: 'status', status: 503 });
    expect(await h.lockstep.guard(h.request('/admin', { cookie }), { mode: 'user' })).toMatchObject({ kind: 'denied', outcome: { kind: 'respond', status: 503 } });
  });
});

describe('guard() and the middleware’s established state', () => {
  it('keeps the refreshed flag for the same token, and only the flag', async () => {
    const h = await createHarness();
    const cookie = h.cookieFor(await h.signIn());
    h.mock.controls.clock.advance(3601);
    const outcome = await h.lockstep.handle(h.request('/dashboard', { cookie }));
    if (outcome.kind !== 'continue') throw new Error('expected continue');
    const forwarded = h.request('/dashboard', { cookie: outcome.requestCookieHeader });
    expect(await h.lockstep.guard(forwarded, { established: outcome.auth })).toMatchObject({ kind: 'allowed', auth: { refreshed: true } });
    expect(await h.lockstep.guard(forwarded)).toMatchObject({ kind: 'allowed', auth: { refreshed: false } });
    // An established state for another token changes nothing, and never lets anyone in.
    expect(await h.lockstep.guard(h.request('/dashboard', { cookie }), { established: outcome.auth })).toMatchObject({ kind: 'denied' });
  });
});
