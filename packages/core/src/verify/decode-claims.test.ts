import { describe, expect, it } from 'vitest';
import { decodeClaimsUnverified } from './decode-claims.js';
import { base64url, craftToken, NOW, userClaims } from './test-support/jwt-fixtures.js';

const header = { alg: 'ES256', typ: 'JWT', kid: 'k' };

describe('decodeClaimsUnverified', () => {
  it('returns the claims of a well-formed token without checking its signature', () => {
    const claims = decodeClaimsUnverified(craftToken(header, userClaims(), 'not-a-signature'));
    expect(claims).toMatchObject({ sub: userClaims().sub, exp: NOW + 3600, role: 'authenticated' });
  });

  it.each([
    ['aud as a list', userClaims({ aud: ['a', 'b'] })],
    ['no iat', userClaims({ iat: undefined })],
    ['extra claims', userClaims({ custom: { deep: [1, 2] } })],
    ['alg none', userClaims()],
  ])('accepts %s', (_name, payload) => {
    expect(decodeClaimsUnverified(craftToken(header, JSON.parse(JSON.stringify(payload)) as unknown))).not.toBeNull();
  });

  it.each([
    ['empty string', ''],
    ['one part', 'abc'],
    ['two parts', 'a.b'],
    ['four parts', 'a.b.c.d'],
    ['five parts (JWE)', 'a.b.c.d.e'],
    ['empty payload', `${base64url('{}')}..sig`],
    ['payload not base64url', `${base64url('{}')}.***.sig`],
    ['payload not JSON', `${base64url('{}')}.${base64url('hello')}.sig`],
    ['payload an array', craftToken(header, [1, 2])],
    ['payload null', craftToken(header, null)],
    ['payload a string', craftToken(header, 'claims')],
    ['missing sub', craftToken(header, { exp: NOW })],
    ['empty sub', craftToken(header, { sub: '', exp: NOW })],
    ['numeric sub', craftToken(header, { sub: 1, exp: NOW })],
    ['missing exp', craftToken(header, { sub: 'u' })],
    ['string exp', craftToken(header, { sub: 'u', exp: '1' })],
    ['exp overflowing to Infinity', `${base64url('{}')}.${base64url('{"sub":"u","exp":1e400}')}.sig`],
    ['string iat', craftToken(header, { sub: 'u', exp: NOW, iat: 'now' })],
    ['numeric iss', craftToken(header, { sub: 'u', exp: NOW, iss: 1 })],
    ['aud a number', craftToken(header, { sub: 'u', exp: NOW, aud: 1 })],
    ['aud a list with a number', craftToken(header, { sub: 'u', exp: NOW, aud: ['a', 1] })],
    ['numeric role', craftToken(header, { sub: 'u', exp: NOW, role: 1 })],
    ['object email', craftToken(header, { sub: 'u', exp: NOW, email: {} })],
    ['numeric session_id', craftToken(header, { sub: 'u', exp: NOW, session_id: 1 })],
  ])('returns null for %s', (_name, token) => {
    expect(decodeClaimsUnverified(token)).toBeNull();
  });

  it('returns null rather than throwing for a value that is not a string at all', () => {
    expect(decodeClaimsUnverified(undefined as unknown as string)).toBeNull();
  });
});
