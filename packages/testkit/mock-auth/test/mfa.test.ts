// MFA with the unmodified supabase-js client: TOTP (real RFC 6238 codes) and phone factors, aal1/aal2 and
// amr claims, getAuthenticatorAssuranceLevel, refresh at aal2, unenroll, admin factor endpoints, error cases.
import type { SupabaseClient } from '@supabase/supabase-js';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockAuth, totpCode, type RunningMockAuth } from '../src/index.js';
import { base32Encode, hotp } from '../src/totp.js';
import { ALICE, call } from './helpers.js';
import { clientFor } from './supabase-client.js';

let mock: RunningMockAuth;

beforeAll(async () => {
  mock = await startMockAuth({ users: [ALICE] });
});
afterAll(() => mock.stop());
beforeEach(() => {
  mock.controls.reset();
  mock.controls.clock.freeze();
});

async function signedIn(): Promise<SupabaseClient> {
  const supabase = clientFor(mock.url, mock.anonKey);
  const { error } = await supabase.auth.signInWithPassword(ALICE);
  expect(error).toBeNull();
  return supabase;
}

async function enrollTotp(supabase: SupabaseClient, friendlyName = 'authenticator'): Promise<{ id: string; secret: string }> {
  const { data, error } = await supabase.auth.mfa.enroll({ factorType: 'totp', friendlyName });
  expect(error).toBeNull();
  return { id: data?.id ?? '', secret: data?.type === 'totp' ? data.totp.secret : '' };
}

/** Enrolls and verifies a TOTP factor; the client's session is aal2 afterwards. */
async function withVerifiedTotp(supabase: SupabaseClient): Promise<{ id: string; secret: string }> {
  const factor = await enrollTotp(supabase);
  const { error } = await supabase.auth.mfa.challengeAndVerify({ factorId: factor.id, code: totpCode(factor.secret, mock.controls.clock.now()) });
  expect(error).toBeNull();
  return factor;
}

async function accessClaims(supabase: SupabaseClient): Promise<Record<string, unknown>> {
  const { data } = await supabase.auth.getSession();
  return decodeJwt(data.session?.access_token ?? '');
}

/** A six-digit code that is none of the codes accepted at `epochMs` (steps -1, 0, +1). */
function wrongCode(secret: string, epochMs: number): string {
  const accepted = new Set([-30_000, 0, 30_000].map((d) => totpCode(secret, epochMs + d)));
  for (let n = 0; ; n++) {
    const candidate = String(n).padStart(6, '0');
    if (!accepted.has(candidate)) return candidate;
  }
}

describe('RFC 6238', () => {
  // RFC 6238 Appendix B, SHA-1, secret "12345678901234567890": T → 8-digit code.
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('T=%i gives %s', (seconds, expected) => {
    const key = new TextEncoder().encode('12345678901234567890');
    expect(hotp(key, Math.floor(seconds / 30), 8)).toBe(expected);
    // The 6-digit code is the last six digits, through the base32 secret an app would scan.
    expect(totpCode(base32Encode(key), seconds * 1000)).toBe(expected.slice(2));
  });
});

describe('TOTP factors', () => {
  it('enrolls with a real secret, otpauth URI and SVG QR code; verify raises the session to aal2', async () => {
    const supabase = await signedIn();
    const { data } = await supabase.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'phone app' });
    if (data?.type !== 'totp') throw new Error('expected a TOTP factor');
    expect(data.friendly_name).toBe('phone app');
    expect(data.totp.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(data.totp.uri).toBe(
      `otpauth://totp/127.0.0.1:3000:alice@example.com?algorithm=SHA1&digits=6&issuer=127.0.0.1%3A3000&period=30&secret=${data.totp.secret}`,
    );
    expect(data.totp.qr_code).toMatch(/^data:image\/svg\+xml;utf-8,<svg[\s\S]*<\/svg>$/);
    // An unverified factor does not ask for aal2 yet.
    const before = await supabase.auth.mfa.getAuthenticatorAssuranceLevel();
    expect(before.data).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal1' });

    const challenge = await supabase.auth.mfa.challenge({ factorId: data.id });
    expect(challenge.error).toBeNull();
    expect(challenge.data).toMatchObject({ type: 'totp', expires_at: Math.floor(mock.controls.clock.now() / 1000) + 300 });
    mock.controls.clock.advance(5);
    const verified = await supabase.auth.mfa.verify({
      factorId: data.id,
      challengeId: challenge.data?.id ?? '',
      code: totpCode(data.totp.secret, mock.controls.clock.now()),
    });
    expect(verified.error).toBeNull();
    const claims = await accessClaims(supabase);
    expect(claims.aal).toBe('aal2');
    expect((claims.amr as { method: string }[]).map((e) => e.method)).toEqual(['totp', 'password']);
    const aal = await supabase.auth.mfa.getAuthenticatorAssuranceLevel();
    expect(aal.data).toMatchObject({ currentLevel: 'aal2', nextLevel: 'aal2' });
    expect(aal.data?.currentAuthenticationMethods.map((m) => (typeof m === 'string' ? m : m.method))).toEqual(['totp', 'password']);
    const factors = await supabase.auth.mfa.listFactors();
    expect(factors.data?.totp.map((f) => [f.id, f.status])).toEqual([[data.id, 'verified']]);
  });

  it('a new sign-in of a user with a verified factor is aal1 with nextLevel aal2', async () => {
    await withVerifiedTotp(await signedIn());
    const other = await signedIn();
    const aal = await other.auth.mfa.getAuthenticatorAssuranceLevel();
    expect(aal.data).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal2' });
  });

  it('a refresh keeps aal2 and the totp amr entry', async () => {
    const supabase = await signedIn();
    await withVerifiedTotp(supabase);
    mock.controls.clock.advance(60);
    const { data, error } = await supabase.auth.refreshSession();
    expect(error).toBeNull();
    const claims = decodeJwt(data.session?.access_token ?? '');
    expect(claims.aal).toBe('aal2');
    expect((claims.amr as { method: string }[]).map((e) => e.method)).toEqual(['totp', 'password']);
    expect(claims.iat).toBe(Math.floor(mock.controls.clock.now() / 1000));
  });

  it('verification swaps the refresh token and ends the user\'s other aal1 sessions', async () => {
    const supabase = await signedIn();
    const bystander = await signedIn();
    const before = (await supabase.auth.getSession()).data.session?.refresh_token ?? '';
    await withVerifiedTotp(supabase);
    const after = (await supabase.auth.getSession()).data.session?.refresh_token ?? '';
    expect(after).not.toBe(before);
    expect(mock.controls.refreshToken(after)?.parent).toBe(before);
    expect(mock.controls.sessions(ALICE.email).map((s) => s.aal)).toEqual(['aal2']);
    const { error } = await bystander.auth.getUser();
    // auth-js turns `session_not_found` into AuthSessionMissingError and signs the bystander out.
    expect(error?.name).toBe('AuthSessionMissingError');
    expect((await bystander.auth.getSession()).data.session).toBeNull();
  });

  it('accepts the previous and next 30-second steps, not two steps away', async () => {
    const supabase = await signedIn();
    const factor = await enrollTotp(supabase);
    const now = mock.controls.clock.now();
    for (const [offsetMs, ok] of [[-60_000, false], [60_000, false], [-30_000, true]] as const) {
      const challenge = await supabase.auth.mfa.challenge({ factorId: factor.id });
      const result = await supabase.auth.mfa.verify({ factorId: factor.id, challengeId: challenge.data?.id ?? '', code: totpCode(factor.secret, now + offsetMs) });
      expect(result.error === null).toBe(ok);
    }
  });

  it('refuses a wrong code, an expired challenge and a used challenge', async () => {
    const supabase = await signedIn();
    const factor = await enrollTotp(supabase);
    const first = await supabase.auth.mfa.challenge({ factorId: factor.id });
    const challengeId = first.data?.id ?? '';
    const wrong = await supabase.auth.mfa.verify({ factorId: factor.id, challengeId, code: wrongCode(factor.secret, mock.controls.clock.now()) });
    expect(wrong.error).toMatchObject({ status: 422, code: 'mfa_verification_failed', message: 'Invalid TOTP code entered' });

    mock.controls.clock.advance(301);
    const expired = await supabase.auth.mfa.verify({ factorId: factor.id, challengeId, code: totpCode(factor.secret, mock.controls.clock.now()) });
    expect(expired.error).toMatchObject({ status: 422, code: 'mfa_challenge_expired' });
    expect(expired.error?.message).toBe(`MFA challenge ${challengeId} has expired, verify against another challenge or create a new challenge.`);
    const gone = await supabase.auth.mfa.verify({ factorId: factor.id, challengeId, code: totpCode(factor.secret, mock.controls.clock.now()) });
    expect(gone.error).toMatchObject({ status: 422, code: 'mfa_factor_not_found' });

    const fresh = await supabase.auth.mfa.challenge({ factorId: factor.id });
    const code = totpCode(factor.secret, mock.controls.clock.now());
    expect((await supabase.auth.mfa.verify({ factorId: factor.id, challengeId: fresh.data?.id ?? '', code })).error).toBeNull();
    // A used challenge is refused with GoTrue's (misleading) address-mismatch error.
    const reused = await supabase.auth.mfa.verify({ factorId: factor.id, challengeId: fresh.data?.id ?? '', code });
    expect(reused.error).toMatchObject({ status: 422, code: 'mfa_ip_address_mismatch' });
    const empty = await supabase.auth.mfa.verify({ factorId: factor.id, challengeId: fresh.data?.id ?? '', code: '' });
    expect(empty.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Code needs to be non-empty' });
  });

  it('binds a challenge to the client address', async () => {
    const supabase = await signedIn();
    const factor = await enrollTotp(supabase);
    const token = (await supabase.auth.getSession()).data.session?.access_token ?? '';
    const challenge = await call(mock, 'POST', `/factors/${factor.id}/challenge`, { token, body: {}, headers: { 'X-Forwarded-For': '203.0.113.1' } });
    const verify = await call(mock, 'POST', `/factors/${factor.id}/verify`, {
      token,
      body: { challenge_id: challenge.body.id, code: totpCode(factor.secret, mock.controls.clock.now()) },
      headers: { 'X-Forwarded-For': '203.0.113.2' },
    });
    expect(verify.status).toBe(422);
    expect(verify.body).toEqual({ code: 'mfa_ip_address_mismatch', message: 'Challenge and verify IP addresses mismatch.' });
  });

  it('enforces friendly-name uniqueness, the factor limits and aal2 for a second factor', async () => {
    const supabase = await signedIn();
    await enrollTotp(supabase, 'a');
    const same = await supabase.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'a' });
    expect(same.error).toMatchObject({ status: 422, code: 'mfa_factor_name_conflict', message: 'A factor with the friendly name "a" for this user already exists' });
    mock.controls.updateSettings({ mfaMaxEnrolledFactors: 2 });
    await enrollTotp(supabase, 'b');
    const third = await supabase.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'c' });
    expect(third.error).toMatchObject({ status: 422, code: 'too_many_enrolled_mfa_factors' });
    // Unverified factors expire after five minutes without a challenge, which frees the slots.
    mock.controls.clock.advance(301);
    const verified = await withVerifiedTotp(supabase);
    expect(verified.id).not.toBe('');
    const aal1 = await signedIn();
    const second = await aal1.auth.mfa.enroll({ factorType: 'totp', friendlyName: 'second' });
    expect(second.error).toMatchObject({ status: 403, code: 'insufficient_aal', message: 'AAL2 required to enroll a new factor' });
  });

  it('unenrolling a verified factor needs aal2 and drops the session to aal1', async () => {
    const supabase = await signedIn();
    const factor = await withVerifiedTotp(supabase);
    const aal1 = await signedIn();
    const refused = await aal1.auth.mfa.unenroll({ factorId: factor.id });
    expect(refused.error).toMatchObject({ status: 422, code: 'insufficient_aal', message: 'AAL2 required to unenroll verified factor' });
    const { data, error } = await supabase.auth.mfa.unenroll({ factorId: factor.id });
    expect(error).toBeNull();
    expect(data).toEqual({ id: factor.id });
    const { data: refreshed } = await supabase.auth.refreshSession();
    const claims = decodeJwt(refreshed.session?.access_token ?? '');
    expect(claims.aal).toBe('aal1');
    expect((claims.amr as { method: string }[]).map((e) => e.method)).toEqual(['password']);
    expect(refreshed.session?.user.factors).toBeUndefined();
  });

  it('names a factor it does not know and a malformed id like GoTrue', async () => {
    const supabase = await signedIn();
    const unknown = await supabase.auth.mfa.challenge({ factorId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.error).toMatchObject({ status: 404, code: 'mfa_factor_not_found', message: 'Factor not found' });
    const malformed = await supabase.auth.mfa.challenge({ factorId: 'nope' });
    expect(malformed.error).toMatchObject({ status: 404, code: 'validation_failed', message: 'factor_id must be an UUID' });
  });

  it('honours the TOTP setting', async () => {
    mock.controls.updateSettings({ mfaTotpEnabled: false });
    const supabase = await signedIn();
    const { error } = await supabase.auth.mfa.enroll({ factorType: 'totp' });
    expect(error).toMatchObject({ status: 422, code: 'mfa_totp_enroll_not_enabled' });
  });
});

describe('phone factors', () => {
  it('are off by default, as in GoTrue', async () => {
    const supabase = await signedIn();
    const { error } = await supabase.auth.mfa.enroll({ factorType: 'phone', phone: '+15551234567' });
    expect(error).toMatchObject({ status: 422, code: 'mfa_phone_enroll_not_enabled' });
  });

  it('verify with the code read through the test hook, and limit challenges to one a minute', async () => {
    mock.controls.updateSettings({ mfaPhoneEnabled: true });
    const supabase = await signedIn();
    const enrolled = await supabase.auth.mfa.enroll({ factorType: 'phone', phone: '+15551234567', friendlyName: 'mobile' });
    expect(enrolled.error).toBeNull();
    const factorId = enrolled.data?.id ?? '';
    expect(enrolled.data).toMatchObject({ type: 'phone', phone: '+15551234567' });
    const challenge = await supabase.auth.mfa.challenge({ factorId });
    expect(challenge.data).toMatchObject({ type: 'phone' });
    const again = await supabase.auth.mfa.challenge({ factorId });
    expect(again.error).toMatchObject({ status: 429, code: 'over_sms_send_rate_limit', message: 'For security purposes, you can only request this after 60 seconds.' });
    const sms = mock.controls.latestFactorChallenge(factorId);
    expect(sms?.code).toMatch(/^\d{6}$/);
    const overHttp = (await (await fetch(`${mock.url}/__mock/factors/${factorId}/challenge`)).json()) as { code?: string };
    expect(overHttp.code).toBe(sms?.code);
    const wrong = await supabase.auth.mfa.verify({ factorId, challengeId: challenge.data?.id ?? '', code: sms?.code === '000000' ? '000001' : '000000' });
    expect(wrong.error).toMatchObject({ status: 422, code: 'mfa_verification_failed', message: 'Invalid MFA Phone code entered' });
    const ok = await supabase.auth.mfa.verify({ factorId, challengeId: challenge.data?.id ?? '', code: sms?.code ?? '' });
    expect(ok.error).toBeNull();
    const claims = await accessClaims(supabase);
    expect(claims.aal).toBe('aal2');
    expect((claims.amr as { method: string }[])[0]?.method).toBe('mfa/phone');
    const duplicate = await supabase.auth.mfa.enroll({ factorType: 'phone', phone: '+15551234567', friendlyName: 'other' });
    expect(duplicate.error).toMatchObject({ status: 422, code: 'mfa_verified_factor_exists' });
  });
});

describe('admin factor endpoints', () => {
  it('list and delete a user\'s factors; the sessions it raised drop to aal1', async () => {
    const supabase = await signedIn();
    const factor = await withVerifiedTotp(supabase);
    const userId = (await supabase.auth.getUser()).data.user?.id ?? '';
    const admin = clientFor(mock.url, mock.serviceRoleKey).auth.admin;
    const listed = await admin.mfa.listFactors({ userId });
    expect(listed.error).toBeNull();
    expect(listed.data?.factors.map((f) => [f.id, f.factor_type, f.status])).toEqual([[factor.id, 'totp', 'verified']]);
    const deleted = await admin.mfa.deleteFactor({ userId, id: factor.id });
    expect(deleted.error).toBeNull();
    expect(mock.controls.sessions(ALICE.email).map((s) => s.aal)).toEqual(['aal1']);
    const { data } = await supabase.auth.refreshSession();
    expect(decodeJwt(data.session?.access_token ?? '').aal).toBe('aal1');
    const aal = await supabase.auth.mfa.getAuthenticatorAssuranceLevel();
    expect(aal.data).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal1' });
  });
});
