// The assurance routes over HTTP without a browser: the RFC 9470 answer to data requests, 403 JSON for roles,
// the MFA posts' CSRF check and bad input, Bearer requests, and "sign out everywhere" at the auth server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type RunningDemo } from '../src/index.js';
import { createClient } from './http-client.js';

let demo: RunningDemo;

beforeAll(async () => {
  demo = await startDemo({ port: 0, mock: { tokenLifetimeSeconds: 30 } });
});

afterAll(async () => {
  await demo?.close();
});

function mock(): NonNullable<RunningDemo['mock']> {
  if (demo.mock === undefined) throw new Error('these tests need the embedded mock');
  return demo.mock;
}

async function signedIn(user: { email: string; password: string } | undefined) {
  const client = createClient(demo.url);
  const response = await client.form('/login', { email: user?.email ?? '', password: user?.password ?? '', next: '/dashboard' });
  expect(response.status).toBe(303);
  return client;
}

describe('route requirements', () => {
  it('/admin/billing: a page goes to the step-up page with the return-to; a data request gets 401 with acr_values="aal2"', async () => {
    const client = await signedIn(demo.demoUser);
    const page = await client.navigate('/admin/billing?tab=invoices');
    expect(page.status).toBe(307);
    expect(page.location).toBe('/settings/security?next=%2Fadmin%2Fbilling%3Ftab%3Dinvoices&requirement=aal');
    const data = await client.fetch('/admin/billing', { headers: { accept: 'application/json' } });
    expect(data.status).toBe(401);
    expect(data.headers['www-authenticate']).toBe('Bearer realm="lockstep", error="insufficient_user_authentication", acr_values="aal2"');
    expect(data.json()).toEqual({ error: 'unauthorized', reason: 'insufficient_user_authentication', requirement: 'aal' });
    // The step-up page itself states no requirement, so it cannot loop.
    expect((await client.navigate(page.location ?? '')).status).toBe(200);
  });

  it('/admin/staff: 403 JSON without the admin role (never a login redirect), 200 with it', async () => {
    const member = await signedIn(demo.demoUser);
    const denied = await member.fetch('/admin/staff', { headers: { accept: 'application/json' } });
    expect(denied.status).toBe(403);
    expect(denied.json()).toEqual({ error: 'forbidden', reason: 'insufficient_role', requirement: 'roles' });
    const admin = await signedIn(demo.adminUser);
    const page = await admin.navigate('/admin/staff');
    expect(page.status).toBe(200);
    expect(page.body).toContain('data-testid="staff-roles">admin<');
  });
});

describe('the MFA posts', () => {
  it('refuse another site\'s form post (CSRF) before reaching the auth server', async () => {
    const client = await signedIn(demo.demoUser);
    const before = mock().controls.calls('factors:enroll');
    const response = await client.form('/settings/security/enrol', { next: '' }, 'https://evil.example');
    expect(response.status).toBe(403);
    expect(mock().controls.calls('factors:enroll')).toBe(before);
  });

  it('answer a wrong factor id with the auth server\'s message and write no cookie; an unsafe next is dropped', async () => {
    const client = await signedIn(demo.demoUser);
    const response = await client.form('/settings/security/verify', { factorId: 'not-a-factor', code: '123456', next: 'https://evil.example/' });
    expect(response.status).toBe(422);
    expect(response.setCookie).toEqual([]);
    expect(response.body).toContain('data-testid="mfa-error"');
    expect(response.body).not.toContain('evil.example');
  });
});

describe('Bearer clients and sign out everywhere', () => {
  it('/api/profile answers a Bearer token alone and writes no cookie', async () => {
    const { access_token: token } = await mock().controls.issueSession(demo.demoUser?.email ?? '');
    const response = await createClient(demo.url).fetch('/api/profile', { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(response.setCookie).toEqual([]);
    expect(response.json()).toMatchObject({ user: { email: demo.demoUser?.email }, credential: 'bearer', aal: 'aal1' });
  });

  it('POST /logout with scope=global ends every session of the user at the auth server', async () => {
    const email = demo.adminUser?.email ?? '';
    const first = await signedIn(demo.adminUser);
    await signedIn(demo.adminUser);
    expect(mock().controls.sessions(email).length).toBeGreaterThanOrEqual(2);
    const response = await first.form('/logout', { scope: 'global' });
    expect(response.status).toBe(303);
    expect(mock().controls.sessions(email)).toEqual([]);
  });
});
