import { beforeAll, describe, expect, it } from 'vitest';
import { createClaimsVerifier } from './claims-verifier.js';
import {
  base64url,
  craftToken,
  createSigningKey,
  fakeFetch,
  HS256_SECRET,
  jwksResponse,
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

  it.each(['RS512', 'ES512', 'EdDSA'])('leaves %s, which GoTrue may sign with, to the auth server, offline', async (alg) => {
    const jwks = offlineFetch();
    const verifier = createClaimsVerifier(verifierOptions(jwks));
    expect(await verifier.verify(craftToken({ alg, kid: 'key-es' }, userClaims(), 'c2ln'), NOW)).toEqual({ kind: 'unverifiable' });
    expect(jwks.calls()).toBe(0);
  });

  it('rejects algorithm confusion: HS256 keyed with the published public key', async () => {
    const verifier = createClaimsVerifier(
      verifierOptions(fakeFetch(() => jwksResponse([rs256])), { hs256Secret: HS256_SECRET }),
    );
    const forged = await mintHs256Token(JSON.stringify(rs256.publicJwk), userClaims(), { kid: rs256.kid });
    expect(await verifier.verify(forged, NOW)).toEqual({ kind: 'invalid', reason: 'signature' });
  });

  it.each([
    ['none', { alg: 'none', typ: 'JWT' }, ''],
    ['None', { alg: 'None' }, ''],
    ['none with a signature', { alg: 'none', kid: 'key-es' }, 'c2ln'],
    ['HS512', { alg: 'HS512' }, 'c2ln'],
    ['ES384', { alg: 'ES384', kid: 'key-es' }, 'c2ln'],
    ['PS256', { alg: 'PS256', kid: 'key-rs' }, 'c2ln'],
  ])('rejects alg %s as an algorithm failure, offline', async (_name, header, signature) => {
    const jwks = offlineFetch();
    const verifier = createClaimsVerifier(verifierOptions(jwks, { hs256Secret: HS256_SECRET }));
    expect(await verifier.verify(craftToken(header, userClaims(), signature), NOW)).toEqual({
      kind: 'invalid',
      reason: 'algorithm',
    });
    expect(jwks.calls()).toBe(0);
  });

  // supabase-ssr-notes §3.3: getClaims() checks neither iss nor aud; this verifier checks both.
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
