// hashTokenSync (pure-JS SHA-256) against the platform's SHA-256, class by class of input.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashToken, hashTokenSync } from '../src/util/token-hash.js';

const RUNS = 100_000;
const FIXED_SEED = 0x0a11_5256;

/**
 * The reference: the platform's SHA-256 (OpenSSL, the same as WebCrypto's digest in Node), over the
 * UTF-8 bytes, base64url without padding. Synchronous: 600,000 awaited digests took a minute.
 */
function referenceKey(token: string): string {
  return createHash('sha256').update(new TextEncoder().encode(token)).digest('base64url');
}

const classes = {
  // JWT-shaped tokens: the keys the claims cache and refresh coordinator actually compute.
  'jwt-shaped': fc
    .tuple(fc.base64String({ minLength: 4, maxLength: 40 }), fc.base64String({ minLength: 4, maxLength: 400 }), fc.base64String({ minLength: 4, maxLength: 90 }))
    .map((parts) => parts.join('.').replace(/\+/g, '-').replace(/\//g, '_').replace(/=/g, '')),
  // Every length around the 64-byte block and 55/56-byte padding boundaries, ASCII.
  'block-boundaries': fc.string({ minLength: 0, maxLength: 200 }),
  // Any UTF-16, lone surrogates included (both encode them as U+FFFD).
  'any-unicode': fc.string({ unit: 'binary', maxLength: 64 }),
} as const;

describe('hashTokenSync equals the platform SHA-256', () => {
  it('the reference is WebCrypto\'s digest', async () => {
    for (const token of ['', 'abc', 'eyJhbGciOiJFUzI1NiJ9.e30.sig', '\u{1F600}\uD800x']) {
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
      expect(referenceKey(token)).toBe(Buffer.from(digest).toString('base64url'));
    }
  });

  for (const [name, arbitrary] of Object.entries(classes)) {
    for (const [label, seed] of [['fixed seed', FIXED_SEED], ['random seed', undefined]] as const) {
      it(`${name} (${label})`, () => {
        fc.assert(
          fc.property(arbitrary, (token) => {
            if (hashTokenSync(token) !== referenceKey(token)) throw new Error(`failure class: ${name} — sync SHA-256 differs from the platform's`);
          }),
          { numRuns: RUNS, ...(seed === undefined ? {} : { seed }) },
        );
      }, 120_000);
    }
  }

  it('hashToken is the same key, asynchronously', async () => {
    expect(await hashToken('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
    expect(hashTokenSync('')).toBe('47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU');
  });
});
