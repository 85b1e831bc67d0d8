import { describe, expect, it } from 'vitest';
import { LockstepError } from '../errors.js';
import { createClaimsVerifier } from './claims-verifier.js';
import type { ClaimsVerifierOptions } from './claims-verifier-options.js';
import { HS256_SECRET, NOW, offlineFetch, verifierOptions } from './test-support/jwt-fixtures.js';

function codeOf(build: () => unknown): string | undefined {
  try {
    build();
  } catch (error) {
    if (error instanceof LockstepError) return error.code;
    throw error;
  }
  return undefined;
}

describe('createClaimsVerifier: options', () => {
  it.each([
    ['jwksUrl as a string', { jwksUrl: 'https://x.supabase.co/auth/v1/.well-known/jwks.json' }, 'ERR_CONFIG_URL'],
    ['jwksUrl not http(s)', { jwksUrl: new URL('file:///jwks.json') }, 'ERR_CONFIG_URL'],
    ['empty issuer', { issuer: '' }, 'ERR_CONFIG_INVALID'],
    ['empty audience', { audience: '' }, 'ERR_CONFIG_INVALID'],
    ['empty audience list', { audience: [] }, 'ERR_CONFIG_INVALID'],
    ['audience list with a blank', { audience: ['authenticated', ''] }, 'ERR_CONFIG_INVALID'],
    ['empty hs256Secret', { hs256Secret: '' }, 'ERR_CONFIG_INVALID'],
    ['fetch not a function', { fetch: 'fetch' }, 'ERR_CONFIG_INVALID'],
    ['timeoutMs 0', { timeoutMs: 0 }, 'ERR_CONFIG_INVALID'],
    ['timeoutMs fractional', { timeoutMs: 1.5 }, 'ERR_CONFIG_INVALID'],
    ['timeoutMs NaN', { timeoutMs: Number.NaN }, 'ERR_CONFIG_INVALID'],
    ['cacheMaxEntries 0', { cacheMaxEntries: 0 }, 'ERR_CONFIG_INVALID'],
    ['negative jwksCacheMaxAgeSeconds', { jwksCacheMaxAgeSeconds: -1 }, 'ERR_CONFIG_INVALID'],
    ['NaN jwksCooldownSeconds', { jwksCooldownSeconds: Number.NaN }, 'ERR_CONFIG_INVALID'],
  ])('refuses %s at construction', (_name, overrides, code) => {
    const options = { ...verifierOptions(offlineFetch()), ...overrides } as unknown as ClaimsVerifierOptions;
    expect(codeOf(() => createClaimsVerifier(options))).toBe(code);
  });

  it('accepts 0 for the JWKS durations (fetch every time, no cooldown)', () => {
    const options = verifierOptions(offlineFetch(), { jwksCacheMaxAgeSeconds: 0, jwksCooldownSeconds: 0 });
    expect(codeOf(() => createClaimsVerifier(options))).toBeUndefined();
  });

  it('never puts the secret in an error message', () => {
    const options = { ...verifierOptions(offlineFetch(), { hs256Secret: HS256_SECRET }), timeoutMs: -1 };
    expect(() => createClaimsVerifier(options)).toThrow(LockstepError);
    try {
      createClaimsVerifier(options);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(HS256_SECRET);
    }
  });

  it("leaves the caller's options untouched and unaffected by later edits", () => {
    const jwksUrl = new URL('https://project-ref.supabase.co/auth/v1/.well-known/jwks.json');
    const audience = ['authenticated'];
    const options = verifierOptions(offlineFetch(), { jwksUrl, audience });
    const snapshot = { ...options };
    createClaimsVerifier(options);
    expect(options).toEqual(snapshot);
    expect(Object.isFrozen(options)).toBe(false);
  });

  it.each([[Number.NaN], [Number.POSITIVE_INFINITY]])('throws on a non-finite now (%s): a caller bug, not a token', async (now) => {
    const verifier = createClaimsVerifier(verifierOptions(offlineFetch()));
    await expect(verifier.verify('a.b.c', now)).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
  });

  it('handles a runtime non-string token as malformed', async () => {
    const verifier = createClaimsVerifier(verifierOptions(offlineFetch()));
    expect(await verifier.verify(42 as unknown as string, NOW)).toEqual({ kind: 'invalid', reason: 'malformed' });
  });
});
