import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimsCheck } from './claims-check.js';
import { createClaimsVerifier } from './claims-verifier.js';
import { decodeClaimsUnverified } from './decode-claims.js';
import { base64url, fakeFetch, HS256_SECRET, NOW, userClaims, verifierOptions } from './test-support/jwt-fixtures.js';

const KINDS = new Set(['valid', 'invalid', 'unverifiable', 'unavailable']);

// A fetch that fails, so JWKS-bound tokens end as `unavailable` without a network.
const verifier = createClaimsVerifier(
  verifierOptions(
    fakeFetch(() => {
      throw new TypeError('offline');
    }),
    { hs256Secret: HS256_SECRET },
  ),
);

const segment = fc.string({ unit: fc.constantFrom(...'ABCxyz019-_=+/.%'.split('')), maxLength: 40 });
const header = fc.record(
  {
    alg: fc.oneof(fc.constantFrom('ES256', 'RS256', 'HS256', 'none', 'HS512', ''), fc.jsonValue()),
    kid: fc.oneof(fc.string(), fc.jsonValue()),
    typ: fc.string(),
    crit: fc.jsonValue(),
    b64: fc.jsonValue(),
  },
  { requiredKeys: [] },
);
const payload = fc.oneof(fc.jsonValue(), fc.constant(userClaims()));
const jsonToken = fc
  .tuple(header, payload, segment)
  .map(([h, p, s]) => `${base64url(JSON.stringify(h))}.${base64url(JSON.stringify(p) ?? '')}.${s}`);

async function expectCheck(token: string): Promise<ClaimsCheck> {
  const check = await verifier.verify(token, NOW);
  expect(KINDS.has(check.kind)).toBe(true);
  // Nothing here carries a real signature.
  expect(check.kind).not.toBe('valid');
  return check;
}

describe('claims verifier: never throws', () => {
  it('returns a ClaimsCheck for arbitrary strings', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary' }), async (token) => void (await expectCheck(token))));
  });

  it('returns a ClaimsCheck for arbitrary three-part dot strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(segment, segment, segment), async ([a, b, c]) => void (await expectCheck(`${a}.${b}.${c}`))),
    );
  });

  it('returns a ClaimsCheck for three-part tokens with arbitrary JSON headers and payloads', async () => {
    await fc.assert(fc.asyncProperty(jsonToken, async (token) => void (await expectCheck(token))));
  });

  it('decodeClaimsUnverified returns claims or null for the same inputs', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), jsonToken), (token) => {
        const claims = decodeClaimsUnverified(token);
        expect(claims === null || typeof claims.sub === 'string').toBe(true);
      }),
    );
  });
});
