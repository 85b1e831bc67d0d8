import { beforeAll, describe, expect, it } from 'vitest';
import { createClaimsVerifier } from './claims-verifier.js';
import {
  AUDIENCE,
  base64url,
  craftToken,
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
let impostor: SigningKey;

beforeAll(async () => {
  es256 = await createSigningKey('ES256', 'key-es');
  rs256 = await createSigningKey('RS256', 'key-rs');
  // Same kid as the real key, different private key: a forger who copied the header.
  impostor = await createSigningKey('ES256', 'key-es');
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
    const jwks = fakeFetch(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      return jwksResponse([es256]);
    });
    const verifier = createClaimsVerifier(verifierOptions(jwks));
    // Distinct tokens, so the verified-token cache cannot be what saves the fetches.
    const tokens = await Promise.all(
      Array.from({ length: 20 }, (_, index) => mintToken(es256, userClaims({ sub: `user-${index}` }))),
    );
    const checks = await Promise.all(tokens.map((token) => verifier.verify(token, NOW)));
    expect(checks.every((check) => check.kind === 'valid')).toBe(true);
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

  it('does not refetch for an unknown kid within the cooldown: made-up kids cannot flood the auth server', async () => {
    const stranger = await createSigningKey('ES256', 'key-unknown');
    const jwks = fakeFetch(() => jwksResponse([es256]));
    const verifier = createClaimsVerifier(verifierOptions(jwks));
    expect(await verifier.verify(await mintToken(es256), NOW)).toMatchObject({ kind: 'valid' });
    expect(await verifier.verify(await mintToken(stranger), NOW)).toEqual({ kind: 'invalid', reason: 'signature' });
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

// DESIGN C14: tampered / alg:none / wrong iss/aud / expired tokens are never authenticated.
describe('createClaimsVerifier: rejections', () => {
  const verify = async (token: string, now = NOW): Promise<unknown> =>
    createClaimsVerifier(verifierOptions(fakeFetch(() => jwksResponse([es256, rs256])))).verify(token, now);

  it('rejects a tampered payload', async () => {
    const [header, , signature] = (await mintToken(es256)).split('.');
    const forged = base64url(JSON.stringify(userClaims({ sub: 'someone-else', role: 'service_role' })));
    expect(await verify(`${header}.${forged}.${signature}`)).toEqual({ kind: 'invalid', reason: 'signature' });
  });

  it('rejects a signature from another key under a known kid', async () => {
    expect(await verify(await mintToken(impostor))).toEqual({ kind: 'invalid', reason: 'signature' });
  });

  it.each([
    ['none', { alg: 'none', typ: 'JWT' }, ''],
    ['None', { alg: 'None' }, ''],
    ['none with a signature', { alg: 'none', kid: 'key-es' }, 'c2ln'],
    ['HS512', { alg: 'HS512' }, 'c2ln'],
    ['ES384', { alg: 'ES384', kid: 'key-es' }, 'c2ln'],
    ['PS256', { alg: 'PS256', kid: 'key-rs' }, 'c2ln'],
    ['EdDSA', { alg: 'EdDSA' }, 'c2ln'],
  ])('rejects alg %s as an algorithm failure, offline', async (_name, header, signature) => {
    const jwks = offlineFetch();
    const verifier = createClaimsVerifier(verifierOptions(jwks, { hs256Secret: HS256_SECRET }));
    expect(await verifier.verify(craftToken(header, userClaims(), signature), NOW)).toEqual({
      kind: 'invalid',
      reason: 'algorithm',
    });
    expect(jwks.calls()).toBe(0);
  });

  it.each([
    ['wrong iss', userClaims({ iss: 'https://evil.example/auth/v1' }), 'issuer'],
    ['missing iss', userClaims({ iss: undefined }), 'issuer'],
    ['wrong aud', userClaims({ aud: 'anon' }), 'audience'],
    ['aud list without the audience', userClaims({ aud: ['anon', 'public'] }), 'audience'],
    ['missing aud', userClaims({ aud: undefined }), 'audience'],
    ['missing exp', userClaims({ exp: undefined }), 'claims'],
    ['missing sub', userClaims({ sub: undefined }), 'claims'],
    ['numeric sub', userClaims({ sub: 42 }), 'claims'],
    ['empty sub', userClaims({ sub: '' }), 'claims'],
    ['string exp', userClaims({ exp: String(NOW + 3600) }), 'claims'],
    ['numeric role', userClaims({ role: 7 }), 'claims'],
    ['nbf in the future', userClaims({ nbf: NOW + 60 }), 'claims'],
    ['exp equal to now', userClaims({ exp: NOW }), 'expired'],
    ['exp in the past', userClaims({ exp: NOW - 1 }), 'expired'],
  ])('rejects %s', async (_name, claims, reason) => {
    expect(await verify(await mintToken(es256, claims))).toEqual({ kind: 'invalid', reason });
  });

  it('judges expiry by the now it is given', async () => {
    const token = await mintToken(es256, userClaims({ exp: NOW + 10 }));
    expect(await verify(token, NOW + 9)).toMatchObject({ kind: 'valid' });
    expect(await verify(token, NOW + 10)).toEqual({ kind: 'invalid', reason: 'expired' });
  });

  it('never caches a rejection', async () => {
    const jwks = fakeFetch(() => jwksResponse([es256]));
    const verifier = createClaimsVerifier(verifierOptions(jwks, { issuer: 'https://other.example/auth/v1' }));
    const token = await mintToken(es256);
    expect(await verifier.verify(token, NOW)).toEqual({ kind: 'invalid', reason: 'issuer' });
    expect(await verifier.verify(token, NOW)).toEqual({ kind: 'invalid', reason: 'issuer' });
  });

  it.each([
    ['empty', ''],
    ['two parts', 'a.b'],
    ['JWE-like five parts', 'a.b.c.d.e'],
    ['header not base64url', '!!!.e30.sig'],
    ['header not JSON', `${base64url('nope')}.e30.sig`],
    ['header an array', `${base64url('[]')}.e30.sig`],
    ['no alg', craftToken({ typ: 'JWT' }, userClaims(), 'c2ln')],
    ['numeric kid', craftToken({ alg: 'ES256', kid: 7 }, userClaims(), 'c2ln')],
    ['oversized', `${base64url('{"alg":"ES256"}')}.${'a'.repeat(70_000)}.sig`],
  ])('rejects a malformed token (%s) offline', async (_name, token) => {
    const jwks = offlineFetch();
    const verifier = createClaimsVerifier(verifierOptions(jwks));
    expect(await verifier.verify(token, NOW)).toEqual({ kind: 'invalid', reason: 'malformed' });
    expect(jwks.calls()).toBe(0);
  });

  it('rejects an ES256 token whose payload is not JSON', async () => {
    const [header, , signature] = (await mintToken(es256)).split('.');
    expect(await verify(`${header}.${base64url('not json')}.${signature}`)).toMatchObject({ kind: 'invalid' });
  });
});
