// Anonymous users, recovery, resend, email change, reauthentication and the sign-up settings, driven
// through the unmodified supabase-js client.
import type { AuthChangeEvent } from '@supabase/supabase-js';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockAuth, totpCode, type RunningMockAuth } from '../src/index.js';
import { ALICE, call } from './helpers.js';
import { clientFor, followToApp } from './supabase-client.js';

let mock: RunningMockAuth;

beforeAll(async () => {
  mock = await startMockAuth({ users: [ALICE] });
});
afterAll(() => mock.stop());
beforeEach(() => mock.controls.reset());

describe('anonymous sign-in', () => {
  it('is off by default with anonymous_provider_disabled', async () => {
    const { error } = await clientFor(mock.url, mock.anonKey).auth.signInAnonymously();
    expect(error).toMatchObject({ status: 422, code: 'anonymous_provider_disabled', message: 'Anonymous sign-ins are disabled' });
  });

  it('issues an anonymous session (is_anonymous, amr anonymous) and converts it with an email', async () => {
    mock.controls.updateSettings({ anonymousSignIns: true });
    const supabase = clientFor(mock.url, mock.anonKey);
    const { data, error } = await supabase.auth.signInAnonymously({ options: { data: { theme: 'dark' } } });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ is_anonymous: true, email: '', identities: [], app_metadata: {}, user_metadata: { theme: 'dark' } });
    const claims = decodeJwt(data.session?.access_token ?? '');
    expect(claims).toMatchObject({ is_anonymous: true, role: 'authenticated', aal: 'aal1' });
    expect((claims.amr as { method: string }[]).map((e) => e.method)).toEqual(['anonymous']);

    const noEmail = await supabase.auth.updateUser({ password: 'anon-password' });
    expect(noEmail.error).toMatchObject({ status: 422, code: 'validation_failed', message: 'Updating password of an anonymous user without an email or phone is not allowed' });
    const mfa = await supabase.auth.mfa.enroll({ factorType: 'totp' });
    expect(mfa.error).toMatchObject({ status: 403, code: 'no_authorization' });

    // With autoconfirm (the default) the email of an anonymous user changes at once.
    const converted = await supabase.auth.updateUser({ email: 'Anon@Example.com', password: 'anon-password' });
    expect(converted.error).toBeNull();
    expect(converted.data.user).toMatchObject({ email: 'anon@example.com', is_anonymous: false });
    expect(converted.data.user?.identities?.map((i) => i.provider)).toEqual(['email']);
    const { data: refreshed } = await supabase.auth.refreshSession();
    expect(decodeJwt(refreshed.session?.access_token ?? '').is_anonymous).toBe(false);
    const again = await clientFor(mock.url, mock.anonKey).auth.signInWithPassword({ email: 'anon@example.com', password: 'anon-password' });
    expect(again.error).toBeNull();
  });

  it('is refused when sign-ups are disabled', async () => {
    mock.controls.updateSettings({ anonymousSignIns: true, disableSignup: true });
    const supabase = clientFor(mock.url, mock.anonKey);
    const anonymous = await supabase.auth.signInAnonymously();
    expect(anonymous.error).toMatchObject({ status: 422, code: 'signup_disabled', message: 'Signups not allowed for this instance' });
    const signUp = await supabase.auth.signUp({ email: 'new@example.com', password: 'new-password' });
    expect(signUp.error).toMatchObject({ status: 422, code: 'signup_disabled' });
    const otp = await supabase.auth.signInWithOtp({ email: 'new@example.com' });
    expect(otp.error).toMatchObject({ status: 422, code: 'signup_disabled' });
    expect((await supabase.auth.signInWithPassword(ALICE)).error).toBeNull();
    const settings = await call(mock, 'GET', '/settings');
    expect(settings.body).toMatchObject({ disable_signup: true, external: { anonymous_users: true } });
  });
});

describe('password recovery', () => {
  it('verifies a recovery code (PASSWORD_RECOVERY), then sets a new password', async () => {
    const supabase = clientFor(mock.url, mock.anonKey);
    const events: AuthChangeEvent[] = [];
    supabase.auth.onAuthStateChange((event) => void events.push(event));
    expect((await supabase.auth.resetPasswordForEmail(ALICE.email)).error).toBeNull();
    const code = mock.controls.latestOtp(ALICE.email);
    expect(code?.type).toBe('recovery');
    expect(mock.controls.findUser(ALICE.email)).toBeDefined();
    const { data, error } = await supabase.auth.verifyOtp({ email: ALICE.email, token: code?.otp ?? '', type: 'recovery' });
    expect(error).toBeNull();
    expect(data.session?.user.email).toBe(ALICE.email);
    expect(events).toContain('PASSWORD_RECOVERY');
    expect((await supabase.auth.updateUser({ password: 'recovered-password' })).error).toBeNull();
    const old = await clientFor(mock.url, mock.anonKey).auth.signInWithPassword(ALICE);
    expect(old.error?.code).toBe('invalid_credentials');
  });

  it('a recovery code expires after otpExpirySeconds', async () => {
    mock.controls.clock.freeze();
    const supabase = clientFor(mock.url, mock.anonKey);
    await supabase.auth.resetPasswordForEmail(ALICE.email);
    const code = mock.controls.latestOtp(ALICE.email)?.otp ?? '';
    mock.controls.clock.advance(3601);
    const expired = await supabase.auth.verifyOtp({ email: ALICE.email, token: code, type: 'recovery' });
    expect(expired.error).toMatchObject({ status: 403, code: 'otp_expired', message: 'Token has expired or is invalid' });
  });

  it('answers {} for an unknown address and validates the address', async () => {
    const supabase = clientFor(mock.url, mock.anonKey);
    expect((await supabase.auth.resetPasswordForEmail('nobody@example.com')).error).toBeNull();
    expect(mock.controls.latestOtp('nobody@example.com')).toBeUndefined();
    const bad = await supabase.auth.resetPasswordForEmail('not-an-email');
    expect(bad.error).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('a recovery link with PKCE exchanges into a recovery session', async () => {
    const supabase = clientFor(mock.url, mock.anonKey);
    const events: AuthChangeEvent[] = [];
    supabase.auth.onAuthStateChange((event) => void events.push(event));
    await supabase.auth.resetPasswordForEmail(ALICE.email, { redirectTo: 'http://127.0.0.1:3000/reset' });
    const landing = await followToApp(mock.controls.latestOtp(ALICE.email)?.actionLink ?? '', mock.url);
    expect(landing.pathname).toBe('/reset');
    const { data, error } = await supabase.auth.exchangeCodeForSession(landing.searchParams.get('code') ?? '');
    expect(error).toBeNull();
    expect((decodeJwt(data.session?.access_token ?? '').amr as { method: string }[])[0]?.method).toBe('recovery');
    expect(events).toContain('PASSWORD_RECOVERY');
  });

  it('a recovery code does not verify as an email change, and a signup code does not verify as recovery', async () => {
    const supabase = clientFor(mock.url, mock.anonKey);
    await supabase.auth.resetPasswordForEmail(ALICE.email);
    const code = mock.controls.latestOtp(ALICE.email)?.otp ?? '';
    const wrongType = await supabase.auth.verifyOtp({ email: ALICE.email, token: code, type: 'email_change' });
    expect(wrongType.error).toMatchObject({ status: 403, code: 'otp_expired' });
    expect((await supabase.auth.verifyOtp({ email: ALICE.email, token: code, type: 'email' })).error).toBeNull();
  });
});

describe('resend', () => {
  it('re-sends a sign-up confirmation with a new code; nothing for a confirmed user', async () => {
    mock.controls.updateSettings({ autoconfirm: false });
    const supabase = clientFor(mock.url, mock.anonKey);
    await supabase.auth.signUp({ email: 'new@example.com', password: 'new-password' });
    const first = mock.controls.latestOtp('new@example.com')?.otp;
    expect((await supabase.auth.resend({ type: 'signup', email: 'new@example.com' })).error).toBeNull();
    const second = mock.controls.latestOtp('new@example.com');
    expect(second?.type).toBe('signup');
    const stale = await supabase.auth.verifyOtp({ email: 'new@example.com', token: first === second?.otp ? '000000' : (first ?? ''), type: 'signup' });
    expect(stale.error?.code).toBe('otp_expired');
    expect((await supabase.auth.verifyOtp({ email: 'new@example.com', token: second?.otp ?? '', type: 'signup' })).error).toBeNull();
    expect((await supabase.auth.resend({ type: 'signup', email: ALICE.email })).error).toBeNull();
    expect(mock.controls.latestOtp(ALICE.email)).toBeUndefined();
  });

  it('refuses an unknown type and a missing address like GoTrue', async () => {
    const wrongType = await call(mock, 'POST', '/resend', { body: { type: 'magiclink', email: ALICE.email } });
    expect(wrongType.body).toEqual({ code: 'validation_failed', message: 'Missing one of these types: signup, email_change, sms, phone_change' });
    const noEmail = await call(mock, 'POST', '/resend', { body: { type: 'signup' } });
    expect(noEmail.body).toEqual({ code: 'validation_failed', message: 'Type provided requires an email address' });
  });
});

describe('email change', () => {
  it('with secure change and confirmations on, needs a code from both addresses', async () => {
    mock.controls.updateSettings({ autoconfirm: false });
    const supabase = clientFor(mock.url, mock.anonKey);
    await supabase.auth.signInWithPassword(ALICE);
    const { data, error } = await supabase.auth.updateUser({ email: 'alice.new@example.com' });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email: ALICE.email, new_email: 'alice.new@example.com' });
    const toNew = mock.controls.latestOtp('alice.new@example.com');
    const toCurrent = mock.controls.latestOtp(ALICE.email);
    expect([toNew?.type, toCurrent?.type]).toEqual(['email_change', 'email_change']);
    const first = await supabase.auth.verifyOtp({ email: 'alice.new@example.com', token: toNew?.otp ?? '', type: 'email_change' });
    expect(first.error).toBeNull();
    expect(first.data.session).toBeNull();
    expect(mock.controls.findUser(ALICE.email)?.email).toBe(ALICE.email);
    const second = await supabase.auth.verifyOtp({ email: ALICE.email, token: toCurrent?.otp ?? '', type: 'email_change' });
    expect(second.error).toBeNull();
    expect(second.data.user?.email).toBe('alice.new@example.com');
    expect(second.data.user?.new_email).toBeUndefined();
  });

  it('with autoconfirm one code is enough; resend sends new codes', async () => {
    const supabase = clientFor(mock.url, mock.anonKey);
    await supabase.auth.signInWithPassword(ALICE);
    await supabase.auth.updateUser({ email: 'alice.new@example.com' });
    const before = mock.controls.latestOtp('alice.new@example.com')?.otp;
    expect((await supabase.auth.resend({ type: 'email_change', email: ALICE.email })).error).toBeNull();
    const after = mock.controls.latestOtp('alice.new@example.com')?.otp ?? '';
    expect(after).toMatch(/^\d{6}$/);
    if (before !== after) {
      const stale = await supabase.auth.verifyOtp({ email: 'alice.new@example.com', token: before ?? '', type: 'email_change' });
      expect(stale.error?.code).toBe('otp_expired');
    }
    const { data, error } = await supabase.auth.verifyOtp({ email: 'alice.new@example.com', token: after, type: 'email_change' });
    expect(error).toBeNull();
    expect(data.user?.email).toBe('alice.new@example.com');
  });

  it('refuses an address another user has', async () => {
    const admin = clientFor(mock.url, mock.serviceRoleKey).auth.admin;
    await admin.createUser({ email: 'bob@example.com', password: 'bob-password' });
    const supabase = clientFor(mock.url, mock.anonKey);
    await supabase.auth.signInWithPassword(ALICE);
    const { error } = await supabase.auth.updateUser({ email: 'bob@example.com' });
    expect(error).toMatchObject({ status: 422, code: 'email_exists' });
  });
});

describe('PUT /user rules', () => {
  it('needs aal2 to change the password once MFA is on', async () => {
    const supabase = clientFor(mock.url, mock.anonKey);
    await supabase.auth.signInWithPassword(ALICE);
    const enrolled = await supabase.auth.mfa.enroll({ factorType: 'totp' });
    const secret = enrolled.data?.type === 'totp' ? enrolled.data.totp.secret : '';
    await supabase.auth.mfa.challengeAndVerify({ factorId: enrolled.data?.id ?? '', code: totpCode(secret, mock.controls.clock.now()) });
    const aal1 = clientFor(mock.url, mock.anonKey);
    await aal1.auth.signInWithPassword(ALICE);
    const refused = await aal1.auth.updateUser({ password: 'another-password' });
    expect(refused.error).toMatchObject({ status: 401, code: 'insufficient_aal', message: 'AAL2 session is required to update email or password when MFA is enabled.' });
    expect((await aal1.auth.updateUser({ data: { nickname: 'al' } })).error).toBeNull();
    expect((await supabase.auth.updateUser({ password: 'another-password' })).error).toBeNull();
  });

  it('refuses app_metadata from a user', async () => {
    const session = await mock.controls.issueSession(ALICE.email);
    const result = await call(mock, 'PUT', '/user', { token: session.access_token, body: { app_metadata: { role: 'admin' } } });
    expect(result.status).toBe(403);
    expect(result.body).toEqual({ code: 'not_admin', message: 'Updating app_metadata requires admin privileges' });
  });

  it('with reauthentication required, a session older than a day needs a nonce from /reauthenticate', async () => {
    mock.controls.updateSettings({ passwordChangeRequiresReauthentication: true });
    mock.controls.clock.freeze();
    const supabase = clientFor(mock.url, mock.anonKey);
    await supabase.auth.signInWithPassword(ALICE);
    expect((await supabase.auth.updateUser({ password: 'fresh-session-password' })).error).toBeNull();
    mock.controls.clock.advance(25 * 3600);
    await supabase.auth.refreshSession();
    const missing = await supabase.auth.updateUser({ password: 'old-session-password' });
    expect(missing.error).toMatchObject({ status: 400, code: 'reauthentication_needed', message: 'Password update requires reauthentication' });
    expect((await supabase.auth.reauthenticate()).error).toBeNull();
    const nonce = mock.controls.latestOtp(ALICE.email);
    expect(nonce?.type).toBe('reauthentication');
    const wrong = await supabase.auth.updateUser({ password: 'old-session-password', nonce: nonce?.otp === '000000' ? '000001' : '000000' });
    expect(wrong.error).toMatchObject({ status: 422, code: 'reauthentication_not_valid' });
    expect((await supabase.auth.updateUser({ password: 'old-session-password', nonce: nonce?.otp ?? '' })).error).toBeNull();
    // The nonce works once.
    const reused = await supabase.auth.updateUser({ password: 'third-password', nonce: nonce?.otp ?? '' });
    expect(reused.error).toMatchObject({ status: 422, code: 'reauthentication_not_valid' });
  });
});

describe('POST /magiclink', () => {
  it('sends a magic link like /otp, and needs an email', async () => {
    const sent = await call(mock, 'POST', '/magiclink', { body: { email: ALICE.email } });
    expect(sent.status).toBe(200);
    expect(mock.controls.latestOtp(ALICE.email)?.type).toBe('magiclink');
    const missing = await call(mock, 'POST', '/magiclink', { body: {} });
    expect(missing.body).toEqual({ code: 'validation_failed', message: 'An email address is required' });
  });
});

describe('sign-up for an existing address', () => {
  it('is refused with user_already_exists while either email or SMS autoconfirm is on', async () => {
    mock.controls.updateSettings({ autoconfirm: false });
    const { error } = await clientFor(mock.url, mock.anonKey).auth.signUp(ALICE);
    expect(error).toMatchObject({ status: 422, code: 'user_already_exists' });
  });

  it('with both confirmations on, answers a sanitized look-alike user', async () => {
    mock.controls.updateSettings({ autoconfirm: false, phoneAutoconfirm: false });
    const { data, error } = await clientFor(mock.url, mock.anonKey).auth.signUp({ ...ALICE, options: { data: { probe: true } } });
    expect(error).toBeNull();
    expect(data.session).toBeNull();
    expect(data.user?.id).not.toBe(mock.controls.findUser(ALICE.email)?.id);
    expect(data.user).toMatchObject({ email: ALICE.email, identities: [], user_metadata: { probe: true } });
    expect(data.user?.email_confirmed_at).toBeUndefined();
  });

  it('an unconfirmed user is confirmed and signed in under autoconfirm, without taking the new password', async () => {
    mock.controls.createUser({ email: 'pending@example.com', password: 'first-password', emailConfirmed: false });
    const { data, error } = await clientFor(mock.url, mock.anonKey).auth.signUp({ email: 'pending@example.com', password: 'second-password' });
    expect(error).toBeNull();
    expect(data.user?.id).toBe(mock.controls.findUser('pending@example.com')?.id);
    expect(data.session).not.toBeNull();
    const withNew = await clientFor(mock.url, mock.anonKey).auth.signInWithPassword({ email: 'pending@example.com', password: 'second-password' });
    expect(withNew.error?.code).toBe('invalid_credentials');
  });
});
