// GoTrue's validation and admin behaviour: email/phone checks, admin creation, pagination headers,
// ban durations, soft delete, `/otp` validation and `last_sign_in_at` on a forked refresh.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockAuth, type RunningMockAuth } from '../src/index.js';
import { ALICE, call, refreshOk, signInWithPassword } from './helpers.js';
import { clientFor } from './supabase-client.js';

let mock: RunningMockAuth;

beforeAll(async () => {
  mock = await startMockAuth({ users: [ALICE] });
});
afterAll(() => mock.stop());
beforeEach(() => mock.controls.reset());

const admin = () => clientFor(mock.url, mock.serviceRoleKey).auth.admin;
const asAdmin = () => ({ token: mock.serviceRoleKey });

describe('POST /admin/users', () => {
  it.each(['not-an-email', 'a@b@c.com', 'spaces in@example.com', 'x@-bad-.com'])('refuses the address %j like GoTrue', async (email) => {
    const { data, error } = await admin().createUser({ email, password: 'some-password' });
    expect(data.user).toBeNull();
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Unable to validate email address: invalid format' });
  });

  it('refuses a user without email and phone with GoTrue message', async () => {
    const { error } = await admin().createUser({ password: 'some-password' });
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Cannot create a user without either an email or phone' });
  });

  it('lower-cases the email and refuses a duplicate with email_exists', async () => {
    const { data } = await admin().createUser({ email: 'Bob@Example.com', password: 'x' });
    // GoTrue applies no password policy on admin creation.
    expect(data.user?.email).toBe('bob@example.com');
    const again = await admin().createUser({ email: 'bob@example.com' });
    expect(again.error).toMatchObject({ status: 422, code: 'email_exists' });
  });

  it('creates a phone user with a phone identity, and refuses a bad number', async () => {
    const { data, error } = await admin().createUser({ phone: '+1 555 123 4567', phone_confirm: true });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ phone: '15551234567', email: '', app_metadata: { provider: 'phone', providers: ['phone'] } });
    expect(data.user?.phone_confirmed_at).toEqual(expect.any(String));
    expect(data.user?.identities?.map((i) => i.provider)).toEqual(['phone']);
    const bad = await admin().createUser({ phone: '+0123' });
    expect(bad.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Invalid phone number format (E.164 required)' });
  });

  it('parses ban_duration like Go before creating anything', async () => {
    const bad = await admin().createUser({ email: 'carol@example.com', ban_duration: 'forever' });
    expect(bad.error).toMatchObject({ status: 400, message: 'invalid format for ban duration: time: invalid duration "forever"' });
    expect(mock.controls.findUser('carol@example.com')).toBeUndefined();
    const missingUnit = await admin().createUser({ email: 'carol@example.com', ban_duration: '10' });
    expect(missingUnit.error?.message).toBe('invalid format for ban duration: time: missing unit in duration "10"');
    mock.controls.clock.freeze();
    const { data } = await admin().createUser({ email: 'carol@example.com', password: 'carol-password', ban_duration: '1h30m' });
    expect(Date.parse(data.user?.banned_until ?? '')).toBe(mock.controls.clock.now() + 90 * 60_000);
    const lifted = await admin().updateUserById(data.user?.id ?? '', { ban_duration: 'none' });
    expect(lifted.data.user?.banned_until).toBeUndefined();
  });
});

describe('GET /admin/users', () => {
  async function seed(count: number): Promise<void> {
    for (let i = 1; i <= count; i++) {
      mock.controls.clock.advance(1);
      await admin().createUser({ email: `user${i}@example.com` });
    }
  }

  it('pages newest first with GoTrue Link and X-Total-Count headers', async () => {
    mock.controls.clock.freeze();
    await seed(5);
    const result = await call(mock, 'GET', '/admin/users?per_page=2&page=2', asAdmin());
    expect(result.status).toBe(200);
    expect((result.body.users as { email: string }[]).map((u) => u.email)).toEqual(['user3@example.com', 'user2@example.com']);
    expect(result.body.aud).toBe('authenticated');
    expect(result.headers.get('x-total-count')).toBe('6');
    expect(result.headers.get('link')).toBe('</admin/users?page=3&per_page=2>; rel="next", </admin/users?page=3&per_page=2>; rel="last"');
    const last = await call(mock, 'GET', '/admin/users?per_page=2&page=3', asAdmin());
    expect(last.headers.get('link')).toBe('</admin/users?page=3&per_page=2>; rel="last"');
  });

  it('works with supabase-js listUsers (default 50 per page)', async () => {
    mock.controls.clock.freeze();
    await seed(3);
    const all = await admin().listUsers();
    expect(all.error).toBeNull();
    expect(all.data.users.map((u) => u.email)).toEqual(['user3@example.com', 'user2@example.com', 'user1@example.com', ALICE.email]);
    const paged = await admin().listUsers({ page: 1, perPage: 3 });
    expect(paged.data).toMatchObject({ nextPage: 2, lastPage: 2, total: 4 });
    expect(paged.data.users).toHaveLength(3);
  });

  it.each([
    ['per_page=abc', 'Bad Pagination Parameters: strconv.ParseUint: parsing "abc": invalid syntax'],
    ['page=-1', 'Bad Pagination Parameters: strconv.ParseUint: parsing "-1": invalid syntax'],
    ['page=1.5', 'Bad Pagination Parameters: strconv.ParseUint: parsing "1.5": invalid syntax'],
    ['per_page=0', 'Bad Pagination Parameters: per_page must be at least 1'],
  ])('refuses %s with 400 validation_failed', async (query, message) => {
    const result = await call(mock, 'GET', `/admin/users?${query}`, asAdmin());
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ code: 'validation_failed', message });
  });

  it('refuses an id that is not a UUID with 404 validation_failed', async () => {
    const result = await call(mock, 'GET', '/admin/users/not-a-uuid', asAdmin());
    expect(result.status).toBe(404);
    expect(result.body).toEqual({ code: 'validation_failed', message: 'user_id must be an UUID' });
  });
});

describe('admin updates and deletes', () => {
  it('an admin password change signs the user out everywhere', async () => {
    const session = await signInWithPassword(mock, ALICE.email, ALICE.password);
    const id = session.user.id as string;
    const { error } = await admin().updateUserById(id, { password: 'brand-new-password' });
    expect(error).toBeNull();
    expect(mock.controls.sessions(ALICE.email)).toHaveLength(0);
  });

  it('answers {} to a delete; a soft delete keeps the row with deleted_at and ends the sessions', async () => {
    const session = await signInWithPassword(mock, ALICE.email, ALICE.password);
    const id = session.user.id as string;
    const soft = await call(mock, 'DELETE', `/admin/users/${id}`, { ...asAdmin(), body: { should_soft_delete: true } });
    expect(soft.status).toBe(200);
    expect(soft.body).toEqual({});
    const row = await call(mock, 'GET', `/admin/users/${id}`, asAdmin());
    expect(row.body.deleted_at).toEqual(expect.any(String));
    expect(row.body.email).not.toBe(ALICE.email);
    expect(row.body.identities).toEqual([]);
    const me = await call(mock, 'GET', '/user', { token: session.access_token });
    expect(me.body.code).toBe('session_not_found');
    const again = await call(mock, 'POST', '/token?grant_type=password', { body: ALICE });
    expect(again.body.code).toBe('invalid_credentials');
    const hard = await call(mock, 'DELETE', `/admin/users/${id}`, asAdmin());
    expect(hard.body).toEqual({});
    expect((await call(mock, 'GET', `/admin/users/${id}`, asAdmin())).status).toBe(404);
  });
});

describe('POST /otp validation', () => {
  it('refuses a malformed email with 400 validation_failed, as /signup does', async () => {
    const supabase = clientFor(mock.url, mock.anonKey);
    const otp = await supabase.auth.signInWithOtp({ email: 'not-an-email' });
    expect(otp.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Unable to validate email address: invalid format' });
    const signup = await supabase.auth.signUp({ email: 'not-an-email', password: 'some-password' });
    expect(signup.error).toMatchObject({ status: 400, code: 'validation_failed', message: otp.error?.message });
    expect(mock.controls.findUser('not-an-email')).toBeUndefined();
  });

  it.each([
    [{}, 400, 'validation_failed', 'One of email or phone must be set'],
    [{ email: ALICE.email, phone: '15551234567' }, 400, 'validation_failed', 'Only an email address or phone number should be provided'],
    [{ email: ALICE.email, channel: 'sms' }, 400, 'validation_failed', 'Channel should only be specified with Phone OTP'],
    [{ email: 'nobody@example.com', create_user: false }, 422, 'otp_disabled', 'Signups not allowed for otp'],
    [{ email: 'bad address', create_user: false }, 422, 'otp_disabled', 'Signups not allowed for otp'],
  ])('answers %j with %i %s', async (body, status, code, message) => {
    const result = await call(mock, 'POST', '/otp', { body });
    expect(result.status).toBe(status);
    expect(result.body).toEqual({ code, message });
  });
});

describe('refresh', () => {
  it('a fork inside the reuse interval updates last_sign_in_at', async () => {
    mock.controls.clock.freeze();
    const session = await signInWithPassword(mock, ALICE.email, ALICE.password);
    mock.controls.clock.advance(1);
    const rt1 = await refreshOk(mock, session.refresh_token);
    mock.controls.clock.advance(1);
    await refreshOk(mock, rt1);
    mock.controls.clock.advance(3);
    // rt0 is revoked and not the parent of the active token: a fork inside the 10 s window.
    const forked = await refreshOk(mock, session.refresh_token);
    expect(mock.controls.refreshToken(forked)?.parent).toBe(session.refresh_token);
    expect(mock.controls.findUser(ALICE.email)?.lastSignInAt).toBe(mock.controls.clock.now());
  });
});
