// Signing and API keys: RS256 next to ES256/HS256, and the new sb_publishable_/sb_secret_ keys next to
// the legacy JWT keys, with the unmodified supabase-js client.
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli } from '../src/cli-args.js';
import { createMockAuth, startMockAuth, type RunningMockAuth } from '../src/index.js';
import { ALICE, call } from './helpers.js';
import { clientFor } from './supabase-client.js';

const SECRET = 'a-fixed-jwt-secret-of-at-least-32-characters';

describe('RS256', () => {
  let mock: RunningMockAuth;
  beforeAll(async () => {
    mock = await startMockAuth({ users: [ALICE], jwtAlgorithm: 'RS256' });
  });
  afterAll(() => mock.stop());

  it('signs with an RSA key published in the JWKS; getClaims verifies locally and GET /user accepts it', async () => {
    expect(mock.jwks.keys).toHaveLength(1);
    expect(mock.jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', e: 'AQAB', use: 'sig', key_ops: ['verify'] });
    expect(mock.jwks.keys[0]).not.toHaveProperty('ext');
    const supabase = clientFor(mock.url, mock.anonKey);
    const { data } = await supabase.auth.signInWithPassword(ALICE);
    expect(decodeProtectedHeader(data.session?.access_token ?? '')).toEqual({ alg: 'RS256', typ: 'JWT', kid: mock.jwks.keys[0]?.kid });
    mock.controls.resetCounters();
    const claims = await supabase.auth.getClaims();
    expect(claims.error).toBeNull();
    expect(claims.data?.header.alg).toBe('RS256');
    expect(mock.controls.calls()).toEqual({ jwks: 1 });
    expect((await supabase.auth.getUser()).data.user?.email).toBe(ALICE.email);
  });
});

describe('new API keys', () => {
  let mock: RunningMockAuth;
  beforeAll(async () => {
    mock = await startMockAuth({ users: [ALICE], newApiKeys: true, jwtSecret: SECRET });
  });
  afterAll(() => mock.stop());

  it('are derived from the secret, so a fixed secret gives fixed keys', async () => {
    expect(mock.publishableKey).toMatch(/^sb_publishable_[A-Za-z0-9_-]{32}$/);
    expect(mock.secretKey).toMatch(/^sb_secret_[A-Za-z0-9_-]{32}$/);
    const again = await createMockAuth({ newApiKeys: true, jwtSecret: SECRET });
    expect([again.publishableKey, again.secretKey]).toEqual([mock.publishableKey, mock.secretKey]);
    expect((await createMockAuth()).publishableKey).toBeNull();
  });

  it('work in supabase-js like the anon and service-role keys', async () => {
    const supabase = clientFor(mock.url, mock.publishableKey ?? '');
    expect((await supabase.auth.signInWithPassword(ALICE)).error).toBeNull();
    expect((await supabase.auth.getUser()).data.user?.email).toBe(ALICE.email);
    const admin = clientFor(mock.url, mock.secretKey ?? '').auth.admin;
    const listed = await admin.listUsers();
    expect(listed.error).toBeNull();
    expect(listed.data.users.map((u) => u.email)).toContain(ALICE.email);
    const notAdmin = await clientFor(mock.url, mock.publishableKey ?? '').auth.admin.listUsers();
    expect(notAdmin.error).toMatchObject({ status: 403, code: 'not_admin' });
    // The legacy keys keep working next to them.
    expect((await clientFor(mock.url, mock.anonKey).auth.signInWithPassword(ALICE)).error).toBeNull();
  });

  it('a secret key in apikey with a user JWT as Bearer keeps the user JWT', async () => {
    const session = await mock.controls.issueSession(ALICE.email);
    const me = await call(mock, 'GET', '/user', { token: session.access_token, headers: { apikey: mock.secretKey ?? '' } });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(ALICE.email);
  });

  it('refuses an unknown new-format key like the gateway (401, no error code)', async () => {
    const cases: Record<string, string>[] = [{ apikey: 'sb_publishable_unknown' }, { apikey: mock.anonKey, Authorization: 'Bearer sb_secret_unknown' }];
    for (const headers of cases) {
      const result = await call(mock, 'POST', '/token?grant_type=password', { body: ALICE, headers });
      expect(result.status).toBe(401);
      expect(result.body).toEqual({ message: 'Invalid API key' });
      expect(result.headers.get('x-sb-error-code')).toBeNull();
    }
    const { error } = await clientFor(mock.url, 'sb_publishable_unknown').auth.signInWithPassword(ALICE);
    expect(error).toMatchObject({ status: 401, message: 'Invalid API key' });
  });

  it('are refused when the project has none', async () => {
    const legacyOnly = await createMockAuth({ users: [ALICE] });
    const result = await call(legacyOnly, 'POST', '/token?grant_type=password', { body: ALICE, headers: { apikey: mock.publishableKey ?? '' } });
    expect(result.status).toBe(401);
  });

  it('are switched on by --new-api-keys or MOCK_AUTH_NEW_API_KEYS, and RS256 by --jwt-algorithm', () => {
    const flag = parseCli(['--new-api-keys', '--jwt-algorithm', 'RS256'], {});
    expect(flag.kind === 'start' && [flag.options.newApiKeys, flag.options.jwtAlgorithm]).toEqual([true, 'RS256']);
    const env = parseCli([], { MOCK_AUTH_NEW_API_KEYS: 'true' });
    expect(env.kind === 'start' && env.options.newApiKeys).toBe(true);
    expect(() => parseCli(['--jwt-algorithm', 'PS256'], {})).toThrow('jwt algorithm must be ES256, RS256 or HS256');
  });
});

describe('CLI switches for the GoTrue settings', () => {
  it('turn on anonymous sign-ins, disabled sign-ups, manual linking, phone and phone MFA, from flags or env', () => {
    const flags = parseCli(['--anonymous-sign-ins', '--disable-signup', '--manual-linking', '--phone', '--mfa-phone'], {});
    const env = parseCli([], {
      MOCK_AUTH_ANONYMOUS_SIGN_INS: 'true',
      MOCK_AUTH_DISABLE_SIGNUP: 'true',
      MOCK_AUTH_MANUAL_LINKING: 'true',
      MOCK_AUTH_PHONE: 'true',
      MOCK_AUTH_MFA_PHONE: 'true',
    });
    for (const command of [flags, env]) {
      if (command.kind !== 'start') throw new Error('expected a start command');
      const { anonymousSignIns, disableSignup, manualLinking, phoneEnabled, mfaPhoneEnabled } = command.options;
      expect([anonymousSignIns, disableSignup, manualLinking, phoneEnabled, mfaPhoneEnabled]).toEqual([true, true, true, true, true]);
    }
    const none = parseCli([], {});
    expect(none.kind === 'start' && none.options.anonymousSignIns).toBe(false);
  });
});
