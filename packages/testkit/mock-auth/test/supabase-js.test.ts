// The unmodified @supabase/supabase-js client against a running mock (real HTTP on 127.0.0.1).
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockAuth, type RunningMockAuth } from '../src/index.js';
import { ALICE } from './helpers.js';
import { clientFor, followToApp } from './supabase-client.js';

let mock: RunningMockAuth;
let hsMock: RunningMockAuth;

beforeAll(async () => {
  mock = await startMockAuth({ users: [ALICE] });
  hsMock = await startMockAuth({ users: [ALICE], jwtAlgorithm: 'HS256' });
});
afterAll(async () => {
  await mock.stop();
  await hsMock.stop();
});
beforeEach(() => {
  mock.controls.reset();
  hsMock.controls.reset();
});

describe('supabase-js against the mock', () => {
  it('signs up (autoconfirm) and reads the user back', async () => {
    const supabase = clientFor(mock.url, mock.anonKey);
    const { data, error } = await supabase.auth.signUp({ email: 'new@example.com', password: 'new-password', options: { data: { plan: 'pro' } } });
    expect(error).toBeNull();
    expect(data.session?.user.email).toBe('new@example.com');
    const user = await supabase.auth.getUser();
    expect(user.data.user?.user_metadata).toMatchObject({ plan: 'pro', email_verified: true });
    const again = await supabase.auth.signUp({ email: 'new@example.com', password: 'new-password' });
    expect(again.error?.code).toBe('user_already_exists');
  });

  it('signs in with a password and rejects a wrong one with its code', async () => {
    const supabase = clientFor(mock.url, mock.anonKey);
    const bad = await supabase.auth.signInWithPassword({ email: ALICE.email, password: 'wrong-password' });
    expect(bad.error).toMatchObject({ status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' });
    const { data, error } = await supabase.auth.signInWithPassword(ALICE);
    expect(error).toBeNull();
    expect(data.session?.token_type).toBe('bearer');
    expect(mock.controls.calls('token:password')).toBe(2);
  });

  it('getClaims verifies ES256 tokens locally through the JWKS', async () => {
    const supabase = clientFor(mock.url, mock.anonKey);
    const { data: signIn } = await supabase.auth.signInWithPassword(ALICE);
    mock.controls.resetCounters();
    const { data, error } = await supabase.auth.getClaims();
    expect(error).toBeNull();
    expect(data?.header).toMatchObject({ alg: 'ES256', kid: mock.jwks.keys[0]?.kid });
    expect(data?.claims.session_id).toBe(decodeJwt(signIn.session?.access_token ?? '').session_id);
    expect(mock.controls.calls('jwks')).toBe(1);
    expect(mock.controls.calls('user')).toBe(0);
  });

  it('getClaims falls back to GET /user for HS256 tokens', async () => {
    const supabase = clientFor(hsMock.url, hsMock.anonKey);
    await supabase.auth.signInWithPassword(ALICE);
    const { data, error } = await supabase.auth.getClaims();
    expect(error).toBeNull();
    expect(data?.header.alg).toBe('HS256');
    expect(data?.claims.email).toBe(ALICE.email);
    expect(hsMock.controls.calls('user')).toBe(1);
    expect(hsMock.controls.calls('jwks')).toBe(0);
  });

  it('refreshes the session with a rotated refresh token', async () => {
    const supabase = clientFor(mock.url, mock.anonKey);
    const { data: signIn } = await supabase.auth.signInWithPassword(ALICE);
    mock.controls.clock.advance(60);
    const { data, error } = await supabase.auth.refreshSession();
    expect(error).toBeNull();
    expect(data.session?.refresh_token).not.toBe(signIn.session?.refresh_token);
    expect(data.session?.expires_at).toBe(Math.floor(mock.controls.clock.now() / 1000) + 3600);
    expect(mock.controls.refreshToken(signIn.session?.refresh_token ?? '')?.revoked).toBe(true);
  });

  it.each([
    ['local', 2],
    ['others', 1],
    ['global', 0],
  ] as const)('signOut({ scope: %s }) leaves %i sessions', async (scope, remaining) => {
    const clients = [clientFor(mock.url, mock.anonKey), clientFor(mock.url, mock.anonKey), clientFor(mock.url, mock.anonKey)];
    for (const client of clients) await client.auth.signInWithPassword(ALICE);
    const { error } = await clients[0]!.auth.signOut({ scope });
    expect(error).toBeNull();
    expect(mock.controls.sessions(ALICE.email)).toHaveLength(remaining);
    expect(mock.controls.calls('logout')).toBe(1);
  });

  it('retries a refresh after a 503 and a dropped connection, and reports a 429 as an API error', async () => {
    const supabase = clientFor(mock.url, mock.anonKey);
    await supabase.auth.signInWithPassword(ALICE);
    mock.controls.fail('token:refresh_token', { kind: 'status', status: 503 }, { times: 1 });
    mock.controls.fail('token:refresh_token', { kind: 'drop' }, { times: 1 });
    const retried = await supabase.auth.refreshSession();
    expect(retried.error).toBeNull();
    expect(mock.controls.calls('token:refresh_token')).toBe(3);
    mock.controls.fail('token:refresh_token', { kind: 'rate-limit' });
    const limited = await supabase.auth.refreshSession();
    expect(limited.error).toMatchObject({ status: 429, code: 'over_request_rate_limit' });
  });

  it('exchanges a PKCE code from the fake OAuth provider', async () => {
    const supabase = clientFor(mock.url, mock.anonKey);
    const { data } = await supabase.auth.signInWithOAuth({
      provider: 'github',
      options: { redirectTo: 'http://127.0.0.1:3000/auth/callback', skipBrowserRedirect: true, queryParams: { login_hint: 'octo@example.com' } },
    });
    const landing = await followToApp(data.url ?? '', mock.url);
    expect(landing.pathname).toBe('/auth/callback');
    const code = landing.searchParams.get('code') ?? '';
    const exchanged = await supabase.auth.exchangeCodeForSession(code);
    expect(exchanged.error).toBeNull();
    expect(exchanged.data.user?.app_metadata.providers).toEqual(['github']);
    expect(exchanged.data.session?.provider_token).toBe('mock-provider-token-github');
    expect(decodeJwt(exchanged.data.session?.access_token ?? '').amr).toEqual([{ method: 'oauth', timestamp: expect.any(Number) }]);
    const reused = await clientFor(mock.url, mock.anonKey).auth.exchangeCodeForSession(code);
    expect(reused.error).not.toBeNull();
  });

  it('completes the implicit OAuth flow with a session fragment', async () => {
    const supabase = clientFor(mock.url, mock.anonKey, 'implicit');
    const { data } = await supabase.auth.signInWithOAuth({
      provider: 'google',
      options: { redirectTo: 'http://127.0.0.1:3000/', skipBrowserRedirect: true, queryParams: { login_hint: ALICE.email } },
    });
    const landing = await followToApp(data.url ?? '', mock.url);
    const fragment = new URLSearchParams(landing.hash.slice(1));
    expect([...fragment.keys()]).toEqual(['access_token', 'expires_at', 'expires_in', 'provider_token', 'refresh_token', 'sb', 'token_type']);
    const set = await supabase.auth.setSession({ access_token: fragment.get('access_token') ?? '', refresh_token: fragment.get('refresh_token') ?? '' });
    expect(set.data.user?.app_metadata.providers).toEqual(['email', 'google']);
  });

  it('verifies an email OTP read through the test hook', async () => {
    const supabase = clientFor(mock.url, mock.anonKey);
    expect((await supabase.auth.signInWithOtp({ email: ALICE.email })).error).toBeNull();
    const otp = mock.controls.latestOtp(ALICE.email);
    expect(otp?.otp).toMatch(/^\d{6}$/);
    const { data, error } = await supabase.auth.verifyOtp({ email: ALICE.email, token: otp?.otp ?? '', type: 'email' });
    expect(error).toBeNull();
    expect(data.session?.user.email).toBe(ALICE.email);
    const again = await supabase.auth.verifyOtp({ email: ALICE.email, token: otp?.otp ?? '', type: 'email' });
    expect(again.error?.code).toBe('otp_expired');
  });

  it('exchanges the PKCE code of a magic link', async () => {
    const supabase = clientFor(mock.url, mock.anonKey);
    await supabase.auth.signInWithOtp({ email: ALICE.email, options: { emailRedirectTo: 'http://127.0.0.1:3000/welcome' } });
    const link = mock.controls.latestOtp(ALICE.email)?.actionLink ?? '';
    expect(new URL(link).searchParams.get('token')).toMatch(/^pkce_/);
    const landing = await followToApp(link, mock.url);
    expect(landing.pathname).toBe('/welcome');
    const { data, error } = await supabase.auth.exchangeCodeForSession(landing.searchParams.get('code') ?? '');
    expect(error).toBeNull();
    expect(decodeJwt(data.session?.access_token ?? '').amr).toEqual([{ method: 'magiclink', timestamp: expect.any(Number) }]);
  });

  it('manages users with the service-role key', async () => {
    const admin = clientFor(mock.url, mock.serviceRoleKey).auth.admin;
    const created = await admin.createUser({ email: 'bob@example.com', password: 'bob-password', email_confirm: true });
    expect(created.error).toBeNull();
    const bob = clientFor(mock.url, mock.anonKey);
    expect((await bob.auth.signInWithPassword({ email: 'bob@example.com', password: 'bob-password' })).error).toBeNull();
    const listed = await admin.listUsers();
    expect(listed.data.users.map((u) => u.email).sort()).toEqual([ALICE.email, 'bob@example.com']);
    expect((await admin.deleteUser(created.data.user?.id ?? '')).error).toBeNull();
    const after = await bob.auth.getUser();
    expect(after.error).toMatchObject({ status: 403, code: 'user_not_found' });
    const denied = await clientFor(mock.url, mock.anonKey).auth.admin.listUsers();
    expect(denied.error).toMatchObject({ status: 403, code: 'not_admin' });
  });
});

describe('concurrency', () => {
  it('100 concurrent refreshes with one token all succeed with the same child (L2)', async () => {
    const supabase = clientFor(mock.url, mock.anonKey);
    const { data } = await supabase.auth.signInWithPassword(ALICE);
    const rt0 = data.session?.refresh_token ?? '';
    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        fetch(`${mock.url}/auth/v1/token?grant_type=refresh_token`, {
          method: 'POST',
          headers: { apikey: mock.anonKey, 'Content-Type': 'application/json', 'X-Supabase-Api-Version': '2024-01-01' },
          body: JSON.stringify({ refresh_token: rt0 }),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as { refresh_token?: string } })),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 100 }, () => 200));
    const children = new Set(responses.map((r) => r.body.refresh_token));
    expect(children.size).toBe(1);
    const [child] = [...children];
    expect(mock.controls.refreshToken(child ?? '')).toMatchObject({ parent: rt0, active: true });
    expect(mock.controls.sessions(ALICE.email)[0]?.refreshTokens).toHaveLength(2);
  });
});
