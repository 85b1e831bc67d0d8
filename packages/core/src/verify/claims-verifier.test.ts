import { beforeAll, describe, expect, it } from 'vitest';
import { createClaimsVerifier } from './claims-verifier.js';
import {
  AUDIENCE,
  createSigningKey,
  fakeFetch,
  fetchOnce,
  HS256_SECRET,
  ISSUER,
  jwksResponse,
  JWKS_URL,
  mintHs256Token,
  mintToken,
  NOW,
  offlineFetch,
  userClaims,
  verifierOptions,
  type SigningKey,
} from './test-support/jwt-fixtures.js';

let es256: SigningKey;
let rs256: SigningKey;

beforeAll(async () => {
  es256 = await createSigningKey('ES256', 'key-es');
  rs256 = await createSigningKey('RS256', 'key-rs');
});

describe('createClaimsVerifier: valid tokens', () => {
  it.each([['ES256'], ['RS256']] as const)('accepts a %s token signed by a key in the JWKS', async (alg) => {
    const key = alg === 'ES256' ? es256 : rs256;
    const jwks = fakeFetch(() => jwksResponse([es256, rs256]));
    const verifier = createClaimsVerifier(verifierOptions(jwks));
    const check = await verifier.verify(await mintToken(key), NOW);
    expect(check).toMatchObject({ kind: 'valid', cached: false, claims: { sub: userClaims().sub, iss: ISSUER } });
    expect(jwks.calls()).toBe(1);
    expect(jwks.urls()).toEqual([JWKS_URL.href]);
  });

  it('answers a repeat from the verified-token cache without fetch or jose', async () => {
    const jwks = fetchOnce([es256]);
    // Max age 0: any trip through jose's key set would fetch again, and that fetch throws.
    const verifier = createClaimsVerifier(verifierOptions(jwks, { jwksCacheMaxAgeSeconds: 0 }));
    const token = await mintToken(es256);
    expect(await verifier.verify(token, NOW)).toMatchObject({ kind: 'valid', cached: false });
    expect(await verifier.verify(token, NOW + 60)).toMatchObject({ kind: 'valid', cached: true });
    expect(jwks.calls()).toBe(1);
  });

  it('does not serve a cached token past its exp', async () => {
    const verifier = createClaimsVerifier(verifierOptions(fakeFetch(() => jwksResponse([es256]))));
    const token = await mintToken(es256);
    expect(await verifier.verify(token, NOW)).toMatchObject({ kind: 'valid' });
    expect(await verifier.verify(token, NOW + 3600)).toEqual({ kind: 'invalid', reason: 'expired' });
  });

  it('returns frozen claims, so a caller cannot poison the cache', async () => {
    const verifier = createClaimsVerifier(verifierOptions(fakeFetch(() => jwksResponse([es256]))));
    const check = await verifier.verify(await mintToken(es256), NOW);
    if (check.kind !== 'valid') throw new Error(check.kind);
    expect(Object.isFrozen(check.claims)).toBe(true);
    expect(Object.isFrozen(check.claims['app_metadata'])).toBe(true);
  });

  it('fetches the JWKS once for 20 concurrent verifications (in-flight dedupe)', async () => {
    // The JWKS answer is held until the test opens the gate: every verification overlaps the fetch.
    let open = (): void => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const jwks = fakeFetch(async () => {
      await gate;
      return jwksResponse([es256]);
    });
    const verifier = createClaimsVerifier(verifierOptions(jwks));
    // Distinct tokens, so the verified-token cache cannot be what saves the fetches.
    const tokens = await Promise.all(
      Array.from({ length: 20 }, (_, index) => mintToken(es256, userClaims({ sub: `user-${index}` }))),
    );
    const checks = Promise.all(tokens.map((token) => verifier.verify(token, NOW)));
    // A zero-delay task runs after every pending microtask: all 20 have asked for the keys by now.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(jwks.calls()).toBe(1);
    open();
    expect((await checks).every((check) => check.kind === 'valid')).toBe(true);
    expect(jwks.calls()).toBe(1);
  });

  it('refetches once for an unknown kid (key rotation), then accepts', async () => {
    const rotated = await createSigningKey('ES256', 'key-next');
    const jwks = fakeFetch(
      () => jwksResponse([es256]),
      () => jwksResponse([es256, rotated]),
    );
    const verifier = createClaimsVerifier(verifierOptions(jwks, { jwksCooldownSeconds: 0 }));
    expect(await verifier.verify(await mintToken(es256), NOW)).toMatchObject({ kind: 'valid' });
    expect(await verifier.verify(await mintToken(rotated), NOW)).toMatchObject({ kind: 'valid' });
    expect(jwks.calls()).toBe(2);
  });

  it('does not refetch for an unknown kid within the cooldown, and leaves the token to the auth server', async () => {
    const stranger = await createSigningKey('ES256', 'key-unknown');
    const jwks = fakeFetch(() => jwksResponse([es256]));
    const verifier = createClaimsVerifier(verifierOptions(jwks));
    expect(await verifier.verify(await mintToken(es256), NOW)).toMatchObject({ kind: 'valid' });
    expect(await verifier.verify(await mintToken(stranger), NOW)).toEqual({ kind: 'unverifiable' });
    expect(jwks.calls()).toBe(1);
  });

  it('accepts a token without kid when exactly one key fits, and defers to the auth server when several do', async () => {
    const other = await createSigningKey('ES256', 'key-es-2');
    const noKid = await mintToken(es256, userClaims(), { kid: undefined });
    const single = createClaimsVerifier(verifierOptions(fakeFetch(() => jwksResponse([es256]))));
    expect(await single.verify(noKid, NOW)).toMatchObject({ kind: 'valid' });
    const several = createClaimsVerifier(verifierOptions(fakeFetch(() => jwksResponse([es256, other]))));
    expect(await several.verify(noKid, NOW)).toEqual({ kind: 'unverifiable' });
  });

  it('accepts an aud list that contains the audience, and an audience option that is a list', async () => {
    const verifier = createClaimsVerifier(
      verifierOptions(fakeFetch(() => jwksResponse([es256])), { audience: ['other', AUDIENCE] }),
    );
    expect(await verifier.verify(await mintToken(es256, userClaims({ aud: ['x', AUDIENCE] })), NOW)).toMatchObject({
      kind: 'valid',
    });
  });
});

describe('createClaimsVerifier: HS256', () => {
  it('verifies HS256 with the configured secret, offline', async () => {
    const verifier = createClaimsVerifier(verifierOptions(offlineFetch(), { hs256Secret: HS256_SECRET }));
    expect(await verifier.verify(await mintHs256Token(HS256_SECRET), NOW)).toMatchObject({ kind: 'valid' });
    // Hosted projects may set a kid on HS256 tokens too (gotrue-contract §4.2).
    const withKid = await mintHs256Token(HS256_SECRET, userClaims(), { kid: 'legacy' });
    expect(await verifier.verify(withKid, NOW)).toMatchObject({ kind: 'valid' });
  });

  it('rejects HS256 signed with another secret', async () => {
    const verifier = createClaimsVerifier(verifierOptions(offlineFetch(), { hs256Secret: HS256_SECRET }));
    const token = await mintHs256Token('another-secret-of-at-least-thirty-two-chars');
    expect(await verifier.verify(token, NOW)).toEqual({ kind: 'invalid', reason: 'signature' });
  });

  it('calls HS256 unverifiable when no secret is configured, without any fetch', async () => {
    const jwks = offlineFetch();
    const verifier = createClaimsVerifier(verifierOptions(jwks));
    expect(await verifier.verify(await mintHs256Token(HS256_SECRET), NOW)).toEqual({ kind: 'unverifiable' });
    expect(jwks.calls()).toBe(0);
  });
});
