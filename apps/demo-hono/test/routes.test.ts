// The demo's routes over HTTP without a browser: access per route, CSRF, return-to, revocation and outages.
import { burstAtExpiry, expectOneRefresh, signedIn } from '@lockstep/mock-auth/testing';
import { sessionMatchers } from '@lockstep/mock-auth/vitest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDemo, type RunningDemo } from '../src/index.js';
import { createClient, setCookieHeaders } from './http-client.js';

expect.extend(sessionMatchers);

const TOKEN_LIFETIME = 30;

let demo: RunningDemo;

beforeAll(async () => {
  demo = await startDemo({ port: 0, mock: { tokenLifetimeSeconds: TOKEN_LIFETIME } });
});

afterAll(async () => {
  await demo?.close();
});

function mock(): NonNullable<RunningDemo['mock']> {
  if (demo.mock === undefined) throw new Error('these tests need the embedded mock');
  return demo.mock;
}

beforeEach(() => {
  mock().controls.reset();
  mock().controls.clock.freeze();
});

async function signedInClient(next = '/dashboard') {
  const client = createClient(demo.url);
  const { email, password } = demo.demoUser ?? { email: '', password: '' };
  const response = await client.form('/login', { email, password, next });
  expect(response.status).toBe(303);
  return { client, location: response.location };
}

describe('anonymous visitors', () => {
  it.each(['/', '/login', '/api/health'])('GET %s is public', async (path) => {
    expect((await createClient(demo.url).navigate(path)).status).toBe(200);
  });

  it.each(['/dashboard', '/dashboard/settings', '/admin'])('GET %s redirects to the login page with the return-to', async (path) => {
    const response = await createClient(demo.url).navigate(path);
    expect(response.status).toBe(307);
    expect(response.location).toBe(`/login?next=${encodeURIComponent(path)}`);
  });

  it('GET /api/me is 401 JSON with WWW-Authenticate, even when typed into the address bar', async () => {
    for (const response of [await createClient(demo.url).fetch('/api/me'), await createClient(demo.url).navigate('/api/me')]) {
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBeDefined();
      expect(response.json()).toMatchObject({ error: 'unauthorized' });
    }
  });

  it('POST /api/webhooks/:name is public and needs no session', async () => {
    const response = await createClient(demo.url).fetch('/api/webhooks/billing', { method: 'POST', body: '{"id":1}', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(202);
    expect(response.json()).toEqual({ received: 'billing', bytes: 8 });
  });

  it('GET /auth/callback without a code shows the error on the login page', async () => {
    const response = await createClient(demo.url).navigate('/auth/callback');
    expect(response.status).toBe(401);
    expect(response.body).toContain('missing_code');
  });
});

describe('sign-in and sign-out', () => {
  it('honours a safe return-to and refuses an open redirect', async () => {
    expect((await signedInClient('/dashboard/settings')).location).toBe('/dashboard/settings');
    expect((await signedInClient('//evil.example/steal')).location).toBe('/dashboard');
  });

  it('refuses sign-in and sign-out forms posted from another origin', async () => {
    const client = createClient(demo.url);
    expect((await client.form('/login', { email: 'demo@example.com', password: 'x' }, 'http://127.0.0.2:9')).status).toBe(403);
    expect((await client.form('/logout', {}, 'http://127.0.0.2:9')).status).toBe(403);
  });

  it('signs out: cookies cleared, the auth server told, the API answers 401', async () => {
    const { client } = await signedInClient();
    expect((await client.fetch('/api/me')).status).toBe(200);
    const response = await client.form('/logout', {});
    expect(response.status).toBe(303);
    expect(response.location).toBe('/login');
    expect(client.hasCookies()).toBe(false);
    expect(mock().controls.calls('logout')).toBe(1);
    expect((await client.fetch('/api/me')).status).toBe(401);
  });
});

describe('magic link', () => {
  it('starts a PKCE flow, and /auth/callback exchanges the code and returns to the target', async () => {
    const client = createClient(demo.url);
    const sent = await client.form('/login/magic-link', { email: 'demo@example.com', next: '/dashboard/settings' });
    expect(sent.status).toBe(200);
    expect(sent.setCookie.some((line) => line.includes('-code-verifier='))).toBe(true);
    const link = /data-testid="magic-link" href="([^"]+)"/.exec(sent.body)?.[1]?.replaceAll('&amp;', '&');
    expect(link).toBeDefined();
    // The mock's /verify redirects to the callback with the code (it is another origin: plain fetch will do).
    const verified = await fetch(link ?? '', { redirect: 'manual' });
    const callback = new URL(verified.headers.get('location') ?? '');
    expect(callback.pathname).toBe('/auth/callback');
    const landed = await client.navigate(callback.pathname + callback.search);
    expect(landed.status).toBe(307);
    expect(landed.location).toBe('/dashboard/settings');
    expect((await client.fetch('/api/me')).json()).toMatchObject({ user: { email: 'demo@example.com' } });
    expect(mock().controls.calls('token:pkce')).toBe(1);
  });
});

describe('sessions over time', () => {
  it('/admin (user mode) notices a session revoked elsewhere at once; /dashboard (claims) at the next refresh', async () => {
    const { client } = await signedInClient();
    mock().controls.signOutUser('demo@example.com');
    expect((await client.navigate('/admin')).location).toBe('/login?next=%2Fadmin');
    mock().controls.clock.advance(TOKEN_LIFETIME);
    expect((await client.navigate('/dashboard')).location).toBe('/login?next=%2Fdashboard');
  });

  it('an auth-server outage never signs the user out: valid tokens keep working, expired ones get 503', async () => {
    const { client } = await signedInClient();
    mock().controls.fail('*', { kind: 'status', status: 503 });
    expect((await client.navigate('/dashboard')).status).toBe(200);
    mock().controls.clock.advance(TOKEN_LIFETIME + 1);
    expect((await client.navigate('/dashboard')).status).toBe(503);
    expect((await client.fetch('/api/me')).status).toBe(503);
    mock().controls.clearFaults();
    const recovered = await client.fetch('/api/me');
    expect(recovered.status).toBe(200);
    expect(recovered.json()).toMatchObject({ user: { email: 'demo@example.com' }, refreshed: true });
  });
});

describe('a session minted by the test kit (no login form)', () => {
  it('five parallel API requests past expiry share one refresh, and each answer carries the new session', async () => {
    const before = await signedIn(mock(), { email: 'demo@example.com' });
    const client = createClient(demo.url, before.cookies);
    const burst = await burstAtExpiry(mock(), 5, () => client.fetch('/api/me'));
    expectOneRefresh(burst);
    expect(burst.results.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    for (const response of burst.results) expect(setCookieHeaders(response)).toCarryRefreshedSession(before);
  });

  it('a fresh session is used as it is; sign-out clears it', async () => {
    const before = await signedIn(mock(), { email: 'demo@example.com' });
    const client = createClient(demo.url, before.cookies);
    const me = await client.fetch('/api/me');
    expect(me.json()).toMatchObject({ user: { email: 'demo@example.com' }, refreshed: false });
    expect(setCookieHeaders(me)).not.toCarryRefreshedSession();
    const signedOut = await client.form('/logout', {});
    expect(setCookieHeaders(signedOut)).toClearSession();
  });
});
