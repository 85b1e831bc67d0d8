// Phone sign-up and sign-in with the unmodified supabase-js client: password, SMS codes through the test
// hook, confirmations, the one-minute SMS limits and phone changes.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockAuth, type RunningMockAuth } from '../src/index.js';
import { clientFor } from './supabase-client.js';

const PHONE = '+15551234567';
let mock: RunningMockAuth;

beforeAll(async () => {
  mock = await startMockAuth();
});
afterAll(() => mock.stop());
beforeEach(() => {
  mock.controls.reset();
  mock.controls.clock.freeze();
  mock.controls.updateSettings({ phoneEnabled: true });
});

describe('phone auth', () => {
  it('is off by default, as in GoTrue', async () => {
    mock.controls.updateSettings({ phoneEnabled: false });
    const supabase = clientFor(mock.url, mock.anonKey);
    expect((await supabase.auth.signUp({ phone: PHONE, password: 'phone-password' })).error).toMatchObject({ status: 400, code: 'phone_provider_disabled' });
    expect((await supabase.auth.signInWithPassword({ phone: PHONE, password: 'phone-password' })).error).toMatchObject({ status: 422, code: 'phone_provider_disabled' });
    expect((await supabase.auth.signInWithOtp({ phone: PHONE })).error).toMatchObject({ status: 400, code: 'phone_provider_disabled' });
  });

  it('signs up (autoconfirm) and signs in with phone and password', async () => {
    const supabase = clientFor(mock.url, mock.anonKey);
    const { data, error } = await supabase.auth.signUp({ phone: PHONE, password: 'phone-password' });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ phone: '15551234567', email: '', app_metadata: { provider: 'phone', providers: ['phone'] } });
    expect(decodeJwt(data.session?.access_token ?? '').phone).toBe('15551234567');
    const again = await clientFor(mock.url, mock.anonKey).auth.signInWithPassword({ phone: PHONE, password: 'phone-password' });
    expect(again.error).toBeNull();
    const taken = await supabase.auth.signUp({ phone: PHONE, password: 'phone-password' });
    expect(taken.error).toMatchObject({ status: 422, code: 'user_already_exists' });
    const bad = await supabase.auth.signUp({ phone: '+0123', password: 'phone-password' });
    expect(bad.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Invalid phone number format (E.164 required)' });
  });

  it('with confirmations on, confirms the sign-up with the SMS code and limits SMS to one a minute', async () => {
    mock.controls.updateSettings({ phoneAutoconfirm: false });
    const supabase = clientFor(mock.url, mock.anonKey);
    const { data } = await supabase.auth.signUp({ phone: PHONE, password: 'phone-password' });
    expect(data.session).toBeNull();
    const early = await supabase.auth.signInWithPassword({ phone: PHONE, password: 'phone-password' });
    expect(early.error).toMatchObject({ status: 400, code: 'phone_not_confirmed', message: 'Phone not confirmed' });
    const limited = await supabase.auth.resend({ type: 'sms', phone: PHONE });
    expect(limited.error).toMatchObject({ status: 429, code: 'over_sms_send_rate_limit', message: 'For security purposes, you can only request this after 60 seconds.' });
    mock.controls.clock.advance(61);
    expect((await supabase.auth.resend({ type: 'sms', phone: PHONE })).error).toBeNull();
    const sms = mock.controls.latestOtp(PHONE);
    expect(sms?.type).toBe('sms');
    const verified = await supabase.auth.verifyOtp({ phone: PHONE, token: sms?.otp ?? '', type: 'sms' });
    expect(verified.error).toBeNull();
    expect(verified.data.user?.phone_confirmed_at).toEqual(expect.any(String));
  });

  it('signs in with an SMS code that lives one minute', async () => {
    const supabase = clientFor(mock.url, mock.anonKey);
    expect((await supabase.auth.signInWithOtp({ phone: PHONE })).error).toBeNull();
    const first = mock.controls.latestOtp(PHONE)?.otp ?? '';
    mock.controls.clock.advance(61);
    const expired = await supabase.auth.verifyOtp({ phone: PHONE, token: first, type: 'sms' });
    expect(expired.error).toMatchObject({ status: 403, code: 'otp_expired' });
    expect((await supabase.auth.signInWithOtp({ phone: PHONE })).error).toBeNull();
    const { data, error } = await supabase.auth.verifyOtp({ phone: PHONE, token: mock.controls.latestOtp(PHONE)?.otp ?? '', type: 'sms' });
    expect(error).toBeNull();
    expect((decodeJwt(data.session?.access_token ?? '').amr as { method: string }[])[0]?.method).toBe('otp');
    const unknown = await supabase.auth.signInWithOtp({ phone: '+15550000000', options: { shouldCreateUser: false } });
    expect(unknown.error).toMatchObject({ status: 422, code: 'otp_disabled' });
  });

  it('changes the phone number with a phone_change code when confirmations are on', async () => {
    const supabase = clientFor(mock.url, mock.anonKey);
    await supabase.auth.signUp({ phone: PHONE, password: 'phone-password' });
    mock.controls.updateSettings({ phoneAutoconfirm: false });
    const { data } = await supabase.auth.updateUser({ phone: '+15559876543' });
    expect(data.user).toMatchObject({ phone: '15551234567', new_phone: '15559876543' });
    const code = mock.controls.latestOtp('+15559876543');
    expect(code?.type).toBe('phone_change');
    const verified = await supabase.auth.verifyOtp({ phone: '+15559876543', token: code?.otp ?? '', type: 'phone_change' });
    expect(verified.error).toBeNull();
    expect(verified.data.user?.phone).toBe('15559876543');
  });
});
