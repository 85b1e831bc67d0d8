// Manual identity linking with the unmodified supabase-js client: linkIdentity through the fake
// provider, getUserIdentities, unlinkIdentity and GoTrue's rules.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockAuth, type RunningMockAuth } from '../src/index.js';
import { ALICE } from './helpers.js';
import { clientFor, followToApp } from './supabase-client.js';

let mock: RunningMockAuth;

beforeAll(async () => {
  mock = await startMockAuth({ users: [ALICE] });
});
afterAll(() => mock.stop());
beforeEach(() => {
  mock.controls.reset();
  mock.controls.updateSettings({ manualLinking: true });
});

/** Runs linkIdentity for `provider` as the fake provider's `email`, and returns where the app lands. */
async function link(supabase: SupabaseClient, provider: 'github' | 'google', email: string): Promise<URL> {
  const { data, error } = await supabase.auth.linkIdentity({
    provider,
    options: { redirectTo: 'http://127.0.0.1:3000/linked', skipBrowserRedirect: true, queryParams: { login_hint: email } },
  });
  expect(error).toBeNull();
  return followToApp(data?.url ?? '', mock.url);
}

describe('identities', () => {
  it('are off unless manual linking is enabled', async () => {
    mock.controls.updateSettings({ manualLinking: false });
    const supabase = clientFor(mock.url, mock.anonKey);
    await supabase.auth.signInWithPassword(ALICE);
    const { error } = await supabase.auth.linkIdentity({ provider: 'github', options: { skipBrowserRedirect: true } });
    expect(error).toMatchObject({ status: 404, code: 'manual_linking_disabled', message: 'Manual linking is disabled' });
  });

  it('links a provider identity to the signed-in user, lists and unlinks it, but never the last one', async () => {
    const supabase = clientFor(mock.url, mock.anonKey);
    const { data: signedIn } = await supabase.auth.signInWithPassword(ALICE);
    const landing = await link(supabase, 'github', 'alice-gh@example.com');
    expect(landing.pathname).toBe('/linked');
    const exchanged = await supabase.auth.exchangeCodeForSession(landing.searchParams.get('code') ?? '');
    expect(exchanged.error).toBeNull();
    expect(exchanged.data.user?.id).toBe(signedIn.user?.id);
    expect(exchanged.data.user?.email).toBe(ALICE.email);
    const { data } = await supabase.auth.getUserIdentities();
    expect(data?.identities.map((i) => i.provider)).toEqual(['email', 'github']);
    expect((await supabase.auth.getUser()).data.user?.app_metadata.providers).toEqual(['email', 'github']);

    const github = data?.identities.find((i) => i.provider === 'github');
    if (github === undefined) throw new Error('expected a github identity');
    expect((await supabase.auth.unlinkIdentity(github)).error).toBeNull();
    const after = await supabase.auth.getUserIdentities();
    expect(after.data?.identities.map((i) => i.provider)).toEqual(['email']);
    const last = after.data?.identities[0];
    if (last === undefined) throw new Error('expected the email identity');
    const refused = await supabase.auth.unlinkIdentity(last);
    expect(refused.error).toMatchObject({ status: 422, code: 'single_identity_not_deletable', message: 'User must have at least 1 identity after unlinking' });
  });

  it('refuses an identity some user already has, with an error redirect', async () => {
    // bob@example.com signs up through the fake GitHub: that GitHub identity is his.
    const owner = clientFor(mock.url, mock.anonKey);
    const { data } = await owner.auth.signInWithOAuth({
      provider: 'github',
      options: { redirectTo: 'http://127.0.0.1:3000/in', skipBrowserRedirect: true, queryParams: { login_hint: 'bob@example.com' } },
    });
    await owner.auth.exchangeCodeForSession((await followToApp(data.url ?? '', mock.url)).searchParams.get('code') ?? '');
    const supabase = clientFor(mock.url, mock.anonKey);
    await supabase.auth.signInWithPassword(ALICE);
    const landing = await link(supabase, 'github', 'bob@example.com');
    expect(landing.searchParams.get('error_code')).toBe('identity_already_exists');
    expect(landing.searchParams.get('error_description')).toBe('Identity is already linked to another user');
  });

  it('an anonymous user who links a provider takes its email and is no longer anonymous', async () => {
    mock.controls.updateSettings({ anonymousSignIns: true });
    const supabase = clientFor(mock.url, mock.anonKey);
    await supabase.auth.signInAnonymously();
    const landing = await link(supabase, 'google', 'anon-google@example.com');
    const { data, error } = await supabase.auth.exchangeCodeForSession(landing.searchParams.get('code') ?? '');
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email: 'anon-google@example.com', is_anonymous: false, app_metadata: { provider: 'google', providers: ['google'] } });
    expect(data.user?.email_confirmed_at).toEqual(expect.any(String));
  });
});
