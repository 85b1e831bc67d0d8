// A client can send `lockstep-request-id` itself: whatever it sends, the id read is one of our form (no log injection),
// and it is the sent value only when that value already has the form.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-trace.js';

const RUNS = 100_000;
const FIXED_SEED = 20261205;
const RANDOM_SEED = Date.now() ^ (Math.random() * 0x7fffffff);
const OUR_FORM = /^[A-Za-z0-9_-]{8,64}$/;
// What a header value can carry: visible ASCII, spaces and tabs, and bytes above 0x7f (read as Latin-1).
const HEADER_CHARS = fc.constantFrom(...Array.from({ length: 256 }, (_, code) => String.fromCharCode(code)).filter((char) => char === '\t' || (char >= ' ' && char !== '\x7f')));
const PIECES = ['a', 'Z', '9', '-', '_', ' ', '\t', '"', ';', '=', ',', '%0a', '\\n', '{', '}', '\u00e9', '\u00ff', 'request=', 'rule="x"', '0123456789abcdef'];

const classes = {
  'any header value': fc.string({ unit: HEADER_CHARS, maxLength: 80 }),
  'injection pieces (quotes, separators, encoded newlines)': fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 }).map((parts) => parts.join('')),
  'near our form (length and alphabet edges)': fc.string({ unit: fc.constantFrom('a', 'B', '7', '-', '_', '.', '+', '/'), minLength: 6, maxLength: 66 }),
};

describe('requestIdFrom: a client-sent id is a label of our form or nothing', () => {
  for (const [name, arbitrary] of Object.entries(classes)) {
    for (const seed of [FIXED_SEED, RANDOM_SEED]) {
      it(`${name} (seed ${seed}, ${RUNS} cases)`, () => {
        fc.assert(
          fc.property(arbitrary, (sent) => {
            const headers = new Headers();
            try {
              headers.set(REQUEST_ID_HEADER, sent);
            } catch {
              return true; // not a header value at all: no request can carry it
            }
            const id = requestIdFrom(headers);
            if (!OUR_FORM.test(id)) throw new Error(`${JSON.stringify(sent)} → ${JSON.stringify(id)}: not of our form`);
            const kept = headers.get(REQUEST_ID_HEADER) ?? '';
            if (OUR_FORM.test(kept) ? id !== kept : id === kept) throw new Error(`${JSON.stringify(sent)} → ${JSON.stringify(id)}: kept iff of our form is false`);
            return true;
          }),
          { numRuns: RUNS, seed },
        );
      });
    }
  }

  it('keeps a value of our form, so the property is not vacuous', () => {
    expect(requestIdFrom(new Headers({ [REQUEST_ID_HEADER]: 'abcdEFGH-1234_x' }))).toBe('abcdEFGH-1234_x');
  });
});
