// Tests — Supabase API keys sent as Bearer tokens are told from users' access tokens.
import { describe, expect, it } from 'vitest';
import { isApiKeyToken } from './api-key-token.js';

const jwt = (payload: Record<string, unknown>): string => `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;

describe('isApiKeyToken', () => {
  it.each([
    ['a publishable key', 'sb_publishable_abc123', true],
    ['a secret key', 'sb_secret_abc123', true],
    ['the legacy anon key', jwt({ iss: 'supabase', ref: 'abc', role: 'anon', iat: 1, exp: 2 }), true],
    ['the legacy service_role key', jwt({ iss: 'supabase', role: 'service_role', iat: 1, exp: 2 }), true],
    ['a user access token', jwt({ sub: 'u1', role: 'authenticated', aal: 'aal1' }), false],
    ['an anonymous sign-in (role anon, but a user)', jwt({ sub: 'u2', role: 'anon', is_anonymous: true }), false],
    ['a token claiming role anon with a sub', jwt({ sub: 'u3', role: 'service_role' }), false],
    ['garbage', 'not.a.jwt', false],
    ['a payload that is not an object', `x.${Buffer.from('"anon"').toString('base64url')}.y`, false],
  ])('%s → %s', (_name, token, expected) => {
    expect(isApiKeyToken(token)).toBe(expected);
  });
});
