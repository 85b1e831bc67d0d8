// Property tests — whatever an anonymous client puts in `Authorization`, a token comes out only in RFC 6750's form, and only from a Bearer credential.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { bearerCredential } from './bearer-token.js';

const RUNS = 100_000;
const FIXED_SEED = 20261205;
const RANDOM_SEED = Date.now() ^ (Math.random() * 0x7fffffff);
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const PIECES = ['Bearer', 'bearer', 'BEARER', 'Basic', ' ', '  ', '\t', ',', '=', '==', 'a', 'eyJ', '.', '-', '_', '~', '+', '/', '"', '\u00a0', '\n', 'sb_publishable_x', 'Bearer ', 'Bearer x,Bearer y'];

const classes = {
  'any string': fc.string({ unit: 'binary', maxLength: 60 }),
  'hostile pieces': fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 }).map((parts) => parts.join('')),
  '"Bearer " and any string': fc.string({ unit: 'binary', maxLength: 60 }).map((s) => `Bearer ${s}`),
};

describe('bearerCredential yields only well-formed tokens from Bearer credentials', () => {
  for (const [name, arbitrary] of Object.entries(classes)) {
    for (const seed of [FIXED_SEED, RANDOM_SEED]) {
      it(`${name} (seed ${seed}, ${RUNS} cases)`, () => {
        fc.assert(
          fc.property(arbitrary, (header) => {
            const result = bearerCredential(header);
            const bearerScheme = /^bearer( |$)/i.test(header);
            if (!bearerScheme && result.kind !== 'none') throw new Error(`not a Bearer credential, yet ${result.kind}: ${JSON.stringify(header)}`);
            if (bearerScheme && result.kind === 'none') throw new Error(`a Bearer credential ignored: ${JSON.stringify(header)}`);
            if (result.kind === 'token') {
              if (!B64TOKEN.test(result.token)) throw new Error(`token outside b64token: ${JSON.stringify(result.token)}`);
              if (header.slice(6).replace(/^ +| +$/g, '') !== result.token) throw new Error(`token is not what the header carried: ${JSON.stringify(header)}`);
            }
            return true;
          }),
          { numRuns: RUNS, seed },
        );
      });
    }
  }
});
