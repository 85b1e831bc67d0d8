// Admin links and invites with the unmodified supabase-js admin API: generateLink for every type,
// inviteUserByEmail, and signing a user out with their JWT.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockAuth, type RunningMockAuth } from '../src/index.js';
import { ALICE } from './helpers.js';
import { clientFor, followToApp } from './supabase-client.js';

let mock: RunningMockAuth;

beforeAll(async () => {
  mock = await startMockAuth({ users: [ALICE] });
});
afterAll(() => mock.stop());
beforeEach(() => mock.controls.reset());

const admin = () => clientFor(mock.url, mock.serviceRoleKey).auth.admin;

describe('admin.generateLink', () => {
  it('signup: creates the user and returns a link that confirms and signs in', async () => {
    const { data, error } = await admin().generateLink({
      type: 'signup',
      email: 'new@example.com',
      password: 'new-password',
      options: { redirectTo: 'http://127.0.0.1:3000/welcome', data: { plan: 'pro' } },
    });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email: 'new@example.com', user_metadata: { plan: 'pro' } });
    expect(data.user?.email_confirmed_at).toBeUndefined();
    expect(data.properties).toMatchObject({ verification_type: 'signup', redirect_to: 'http://127.0.0.1:3000/welcome' });
    expect(data.properties?.email_otp).toMatch(/^\d{6}$/);
    const link = new URL(data.properties?.action_link ?? '');
    expect(link.pathname).toBe('/auth/v1/verify');
    expect(link.searchParams.get('token')).toBe(data.properties?.hashed_token);
    const landing = await followToApp(link.toString(), mock.url);
    const fragment = new URLSearchParams(landing.hash.slice(1));
    expect(fragment.get('type')).toBe('signup');
    expect(decodeJwt(fragment.get('access_token') ?? '').email).toBe('new@example.com');
    expect(mock.controls.findUser('new@example.com')?.emailConfirmed).toBe(true);
  });

  it('magiclink and recovery for a known user verify with the returned code', async () => {
    for (const type of ['magiclink', 'recovery'] as const) {
      const { data } = await admin().generateLink({ type, email: ALICE.email });
      expect(data.properties?.verification_type).toBe(type);
      const supabase = clientFor(mock.url, mock.anonKey);
      const verified = await supabase.auth.verifyOtp({ email: ALICE.email, token: data.properties?.email_otp ?? '', type });
      expect(verified.error).toBeNull();
    }
  });

  it('a magic link for an unknown address is a sign-up; recovery for one is 404', async () => {
    const magic = await admin().generateLink({ type: 'magiclink', email: 'someone@example.com' });
    expect(magic.data.properties?.verification_type).toBe('signup');
    const recovery = await admin().generateLink({ type: 'recovery', email: 'nobody@example.com' });
    expect(recovery.error).toMatchObject({ status: 404, code: 'user_not_found', message: 'User with this email not found' });
  });

  it('email_change_new: the code to the new address changes the email', async () => {
    const { data, error } = await admin().generateLink({ type: 'email_change_new', email: ALICE.email, newEmail: 'alice.new@example.com' });
    expect(error).toBeNull();
    expect(data.user?.new_email).toBe('alice.new@example.com');
    const supabase = clientFor(mock.url, mock.anonKey);
    const verified = await supabase.auth.verifyOtp({ email: 'alice.new@example.com', token: data.properties?.email_otp ?? '', type: 'email_change' });
    expect(verified.error).toBeNull();
    expect(verified.data.user?.email).toBe('alice.new@example.com');
  });

  it('refuses a sign-up link for a confirmed address and an unknown type', async () => {
    const taken = await admin().generateLink({ type: 'signup', email: ALICE.email, password: 'whatever-password' });
    expect(taken.error).toMatchObject({ status: 422, code: 'email_exists' });
    const bad = await admin().generateLink({ type: 'bogus' as 'signup', email: ALICE.email, password: 'x' });
    expect(bad.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Invalid email action link type requested: bogus' });
  });
});

describe('admin.inviteUserByEmail', () => {
  it('creates an invited user whose invite code signs them in', async () => {
    const { data, error } = await admin().inviteUserByEmail('guest@example.com', { data: { team: 'a' }, redirectTo: 'http://127.0.0.1:3000/join' });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email: 'guest@example.com', user_metadata: { team: 'a' } });
    expect(data.user?.invited_at).toEqual(expect.any(String));
    const code = mock.controls.latestOtp('guest@example.com');
    expect(code?.type).toBe('invite');
    expect(new URL(code?.actionLink ?? '').searchParams.get('redirect_to')).toBe('http://127.0.0.1:3000/join');
    const supabase = clientFor(mock.url, mock.anonKey);
    const verified = await supabase.auth.verifyOtp({ email: 'guest@example.com', token: code?.otp ?? '', type: 'invite' });
    expect(verified.error).toBeNull();
    expect(verified.data.user?.email_confirmed_at).toEqual(expect.any(String));
  });

  it('refuses a confirmed address and a malformed one', async () => {
    expect((await admin().inviteUserByEmail(ALICE.email)).error).toMatchObject({ status: 422, code: 'email_exists' });
    expect((await admin().inviteUserByEmail('not-an-email')).error).toMatchObject({ status: 400, code: 'validation_failed' });
  });
});

describe('admin.signOut', () => {
  it('ends the sessions named by a user JWT (global scope)', async () => {
    const first = clientFor(mock.url, mock.anonKey);
    const second = clientFor(mock.url, mock.anonKey);
    const { data } = await first.auth.signInWithPassword(ALICE);
    await second.auth.signInWithPassword(ALICE);
    const { error } = await admin().signOut(data.session?.access_token ?? '', 'global');
    expect(error).toBeNull();
    expect(mock.controls.sessions(ALICE.email)).toHaveLength(0);
  });
});
