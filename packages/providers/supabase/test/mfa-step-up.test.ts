// MFA step-up end to end against the mock's real TOTP factors: an aal2 rule sends the user to step up, verifyFactor raises the session.
import { totpCode } from '@lockstep/mock-auth';
import { describe, expect, it } from 'vitest';
import { createHarness } from './support.js';

const ROUTES = [
  { match: '/settings/**', access: 'protected' as const },
  { match: '/admin/billing/**', access: 'protected' as const, aal: 'aal2' as const },
];

async function enrolled() {
  const h = await createHarness({ routes: ROUTES, stepUpPath: '/settings/security' });
  const session = await h.signIn();
  const call = async (path: string, body: unknown, token = session.access_token) =>
    (await h.mock.fetch(`${h.mock.url}/auth/v1${path}`, { method: 'POST', headers: { apikey: h.mock.anonKey, authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<Record<string, unknown>>;
  const factor = (await call('/factors', { factor_type: 'totp' })) as { id: string; totp: { secret: string } };
  // Verify once to make the factor usable, then start over from a fresh aal1 sign-in.
  const challenge = await call(`/factors/${factor.id}/challenge`, {});
  await call(`/factors/${factor.id}/verify`, { challenge_id: challenge.id, code: totpCode(factor.totp.secret, h.mock.controls.clock.now()) });
  const aal1 = await h.signIn();
  return { h, factor, cookie: h.cookieFor(aal1) };
}

const post = (cookie: string, origin = 'http://app.test') => new Request('http://app.test/settings/security', { method: 'POST', headers: { cookie, origin } });

describe('verifyFactor: MFA step-up through Lockstep', () => {
  it('an aal1 session is sent to step up; a verified code writes the aal2 session and returns to the page', async () => {
    const { h, factor, cookie } = await enrolled();
    expect(await h.lockstep.handle(h.request('/admin/billing/invoices', { cookie }))).toMatchObject({ kind: 'redirect', location: '/settings/security?next=%2Fadmin%2Fbilling%2Finvoices&requirement=aal' });
    const code = totpCode(factor.totp.secret, h.mock.controls.clock.now());
    const result = await h.lockstep.verifyFactor(post(cookie), { factorId: factor.id, code, returnTo: '/admin/billing/invoices' });
    expect(result).toMatchObject({ kind: 'signed_in', auth: { claims: { aal: 'aal2' } }, redirect: { status: 303, location: '/admin/billing/invoices' } });
    if (result.kind !== 'signed_in') return;
    const raised = result.redirect.cookies.requestCookieHeader;
    expect((await h.lockstep.handle(h.request('/admin/billing/invoices', { cookie: raised }))).kind).toBe('continue');
  });

  it('a wrong code is GoTrue’s refusal; the session and cookies stay as they are', async () => {
    const { h, factor, cookie } = await enrolled();
    const result = await h.lockstep.verifyFactor(post(cookie), { factorId: factor.id, code: '000000' });
    expect(result).toMatchObject({ kind: 'rejected' });
    expect((await h.lockstep.handle(h.request('/settings/security', { cookie }))).kind).toBe('continue');
  });

  it('refuses another site’s post, a request without a session, and malformed input before asking the auth server', async () => {
    const { h, factor, cookie } = await enrolled();
    h.mock.controls.resetCounters();
    const code = totpCode(factor.totp.secret, h.mock.controls.clock.now());
    expect(await h.lockstep.verifyFactor(post(cookie, 'https://evil.example'), { factorId: factor.id, code })).toEqual({ kind: 'rejected', reason: 'cross_site_request' });
    expect(await h.lockstep.verifyFactor(new Request('http://app.test/x', { method: 'POST' }), { factorId: factor.id, code })).toEqual({ kind: 'rejected', reason: 'no_session' });
    for (const [factorId, bad] of [['../../admin/users', code], [factor.id, '12 34'], [factor.id, 'abcdef']] as const) {
      expect(await h.lockstep.verifyFactor(post(cookie), { factorId, code: bad })).toEqual({ kind: 'rejected', reason: 'validation_failed' });
    }
    expect(h.mock.controls.calls('factors:challenge') + h.mock.controls.calls('factors:verify')).toBe(0);
  });

  it('an unsafe return-to falls back to the default page', async () => {
    const { h, factor, cookie } = await enrolled();
    const result = await h.lockstep.verifyFactor(post(cookie), { factorId: factor.id, code: totpCode(factor.totp.secret, h.mock.controls.clock.now()), returnTo: '//evil.example/x' });
    expect(result).toMatchObject({ kind: 'signed_in', redirect: { location: '/' } });
  });
});

