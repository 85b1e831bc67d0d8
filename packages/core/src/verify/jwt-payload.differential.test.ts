// decodeJwtPayload against jose's decodeJwt, class by class of input.
import fc from 'fast-check';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeJwtPayload } from './jwt-payload.js';

const RUNS = 100_000;
const FIXED_SEED = 0x0d3c_0de5;

const jose = (token: string): unknown => {
  try {
    return decodeJwt(token);
  } catch {
    return null;
  }
};
const b64u = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const segment = fc.string({ unit: fc.constantFrom(...'AZaz09-_+/= \t\n\f\r.~\u00e9'), maxLength: 12 });

const classes = {
  // Well-formed tokens around every kind of JSON value in the payload (objects, arrays, scalars, unicode).
  'well-formed JWTs': fc
    .tuple(fc.jsonValue(), fc.constantFrom('', '=', '==', ' ', '\n'))
    .map(([value, tail]) => `eyJhbGciOiJFUzI1NiJ9.${b64u(JSON.stringify(value))}${tail}.c2ln`),
  // Broken UTF-8, BOMs and non-JSON in a valid base64url payload.
  'odd payload bytes': fc
    .uint8Array({ maxLength: 24 })
    .map((bytes) => `e30.${Buffer.from(bytes).toString('base64url')}.c2ln`),
  // Any arrangement of segments and base64 / whitespace / dot characters.
  'hostile shapes': fc.array(segment, { maxLength: 6 }).map((parts) => parts.join('.')),
} as const;

describe('decodeJwtPayload ≡ jose decodeJwt', () => {
  for (const [name, arbitrary] of Object.entries(classes)) {
    for (const [label, seed] of [['fixed seed', FIXED_SEED], ['random seed', undefined]] as const) {
      it(`${name} (${label})`, () => {
        fc.assert(
          fc.property(arbitrary, (token) => {
            const ours = decodeJwtPayload(token);
            const theirs = jose(token);
            if (JSON.stringify(ours) !== JSON.stringify(theirs) || (ours === null) !== (theirs === null)) {
              throw new Error(`failure class: ${name} — decodeJwtPayload disagrees with jose`);
            }
          }),
          { numRuns: RUNS, ...(seed === undefined ? {} : { seed }) },
        );
      }, 120_000);
    }
  }

  it('reads a payload and refuses a JWE and a non-object', () => {
    expect(decodeJwtPayload(`e30.${b64u('{"sub":"u","exp":1}')}.c2ln`)).toEqual({ sub: 'u', exp: 1 });
    expect(decodeJwtPayload('a.b.c.d.e')).toBeNull();
    expect(decodeJwtPayload(`e30.${b64u('[1]')}.c2ln`)).toBeNull();
    expect(decodeJwtPayload(42 as unknown as string)).toBeNull();
  });
});
