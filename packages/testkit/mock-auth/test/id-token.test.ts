// signInWithIdToken against the fake provider's ID tokens: nonce, audience, expiry and signature checks.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockAuth, type RunningMockAuth } from '../src/index.js';
import { ALICE } from './helpers.js';
import { clientFor } from './supabase-client.js';

let mock: RunningMockAuth;

beforeAll(async () => {
  mock = await startMockAuth({ users: [ALICE] });
});
afterAll(() => mock.stop());
beforeEach(() => mock.controls.reset());

describe('signInWithIdToken', () => {
  it('signs in with a provider ID token and its nonce (amr oauth), creating the user once', async () => {
    const token = await mock.controls.issueIdToken({ provider: 'google', email: 'native@example.com', nonce: 'raw-nonce' });
    const supabase = clientFor(mock.url, mock.anonKey);
    const { data, error } = await supabase.auth.signInWithIdToken({ provider: 'google', token, nonce: 'raw-nonce' });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email: 'native@example.com', app_metadata: { provider: 'google', providers: ['google'] } });
    expect((decodeJwt(data.session?.access_token ?? '').amr as { method: string }[])[0]?.method).toBe('oauth');
    const again = await clientFor(mock.url, mock.anonKey).auth.signInWithIdToken({
      provider: 'google',
      token: await mock.controls.issueIdToken({ provider: 'google', email: 'native@example.com' }),
    });
    expect(again.data.user?.id).toBe(data.user?.id);
  });

  it('links to an existing user with the same email', async () => {
    const token = await mock.controls.issueIdToken({ provider: 'github', email: ALICE.email });
    const { data } = await clientFor(mock.url, mock.anonKey).auth.signInWithIdToken({ provider: 'github', token });
    expect(data.user?.app_metadata.providers).toEqual(['email', 'github']);
  });

  it.each([
    ['a wrong nonce', { nonce: 'raw-nonce' }, { nonce: 'other-nonce' }, 'Nonces mismatch'],
    ['no nonce for a token with one', { nonce: 'raw-nonce' }, {}, 'Passed nonce and nonce in id_token should either both exist or not.'],
    ['a nonce for a token without one', {}, { nonce: 'raw-nonce' }, 'Passed nonce and nonce in id_token should either both exist or not.'],
    ['another audience', { audience: 'someone-else' }, {}, 'Unacceptable audience in id_token: [someone-else]'],
    ['an expired token', { expiresInSeconds: -10 }, {}, 'Bad ID token'],
  ])('refuses %s with a 400 OAuth error', async (_name, tokenInput, request, message) => {
    const token = await mock.controls.issueIdToken({ provider: 'google', email: 'native@example.com', ...tokenInput });
    const { data, error } = await clientFor(mock.url, mock.anonKey).auth.signInWithIdToken({ provider: 'google', token, ...request });
    expect(data.session).toBeNull();
    expect(error).toMatchObject({ status: 400, message });
  });

  it('refuses a token for another provider, a forged signature and an unknown provider', async () => {
    const token = await mock.controls.issueIdToken({ provider: 'github', email: 'native@example.com' });
    const supabase = clientFor(mock.url, mock.anonKey);
    expect((await supabase.auth.signInWithIdToken({ provider: 'google', token })).error?.message).toBe('Bad ID token');
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(86)}`;
    expect((await supabase.auth.signInWithIdToken({ provider: 'github', token: forged })).error?.message).toBe('Bad ID token');
    const unknown = await supabase.auth.signInWithIdToken({ provider: 'apple', token });
    expect(unknown.error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Custom OIDC provider "apple" not allowed' });
  });

  it('issues ID tokens over the HTTP controls too', async () => {
    const response = await fetch(`${mock.url}/__mock/id-tokens`, { method: 'POST', body: JSON.stringify({ email: 'http@example.com', provider: 'github' }) });
    const { id_token } = (await response.json()) as { id_token: string };
    expect(decodeJwt(id_token)).toMatchObject({ aud: 'mock-client-id', email: 'http@example.com', iss: `${mock.issuer}/mock-provider/github` });
  });
});
