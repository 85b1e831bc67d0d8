// fromBase64Url against @supabase/ssr's own stringFromBase64URL, class by class of hostile input.
import { stringFromBase64URL } from '@supabase/ssr';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url } from './base64url.js';

const RUNS = 100_000;
const FIXED_SEED = 0x5e55_10c4;

type Outcome = { readonly ok: true; readonly text: string } | { readonly ok: false };
const outcome = (decode: (value: string) => string, value: string): Outcome => {
  try {
    return { ok: true, text: decode(value) };
  } catch {
    return { ok: false };
  }
};
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const isWellFormedUtf8 = (bytes: Uint8Array): boolean => {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
};
const base64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
const concat = (parts: readonly (readonly number[])[]): Uint8Array => Uint8Array.from(parts.flat());

const byte = (min: number, max: number) => fc.integer({ min, max });
const cont = byte(0x80, 0xbf);
/** Well-formed UTF-8 of one character, any plane (TextEncoder turns a lone surrogate into U+FFFD). */
const validChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).map((c) => [...new TextEncoder().encode(c)]);
const ascii = fc.array(byte(0x20, 0x7e), { minLength: 1, maxLength: 4 });
const filler = fc.array(fc.oneof(ascii, validChar), { maxLength: 4 }).map((parts) => parts.flat());

const overlong = fc.oneof(
  fc.tuple(byte(0xc0, 0xc1), cont),
  fc.tuple(fc.constant(0xe0), byte(0x80, 0x9f), cont),
  fc.tuple(fc.constant(0xf0), byte(0x80, 0x8f), cont, cont),
  // The characters an attacker would smuggle: NUL, '"', '/', '\'.
  fc.constantFrom([0xc0, 0x80], [0xc0, 0xa2], [0xc0, 0xaf], [0xc1, 0x9c], [0xe0, 0x80, 0xa2], [0xf0, 0x80, 0x80, 0xaf]),
);
/** A lead byte with too few continuations, then the end, ASCII or another lead: never well-formed. */
const truncated = fc
  .oneof(
    fc.tuple(byte(0xc2, 0xdf)).map(([lead]) => [lead]),
    fc.tuple(byte(0xe1, 0xec), fc.array(cont, { maxLength: 1 })).map(([lead, rest]) => [lead, ...rest]),
    fc.tuple(byte(0xf1, 0xf3), fc.array(cont, { maxLength: 2 })).map(([lead, rest]) => [lead, ...rest]),
  )
  .chain((cut) => fc.constantFrom<number[]>([], [0x41], [0x22], [0xc3, 0xa9], [0xe2, 0x82, 0xac]).map((next) => [...cut, ...next]));
const high = fc.tuple(fc.constant(0xed), byte(0xa0, 0xaf), cont);
const low = fc.tuple(fc.constant(0xed), byte(0xb0, 0xbf), cont);
const surrogates = fc.oneof(high, low, fc.tuple(high, low).map(([h, l]) => [...h, ...l]), fc.tuple(low, high).map(([l, h]) => [...l, ...h]));
const aboveMax = fc.oneof(
  fc.tuple(fc.constant(0xf4), byte(0x90, 0xbf), cont, cont),
  fc.tuple(byte(0xf5, 0xf7), cont, cont, cont),
  fc.tuple(byte(0xf8, 0xff), fc.array(cont, { maxLength: 5 })).map(([lead, rest]) => [lead, ...rest]),
);
/** Filler around one or more hazards, so the hazard sits at the start, middle or end. */
const around = (hazard: fc.Arbitrary<readonly number[]>) =>
  fc.array(fc.tuple(filler, hazard), { minLength: 1, maxLength: 3 }).chain((pairs) =>
    filler.map((tail) => concat([...pairs.flatMap(([f, h]) => [f, h]), tail])),
  );
const BOM = [0xef, 0xbb, 0xbf];
const anyBytes = fc.uint8Array({ maxLength: 48 });
const hostileChar = fc.constantFrom('+', '/', '%', '.', '\f', '\v', '\u00a0', '\u0000', 'é', '\uD800', '😀', ' ', '\t', '\n', '\r', '=');
/** Insert `extra` characters at random positions of `value`. */
const sprinkle = (value: string, extra: fc.Arbitrary<string>) =>
  fc.array(fc.tuple(fc.nat(), extra), { maxLength: 4 }).map((inserts) =>
    inserts.reduce((s, [at, c]) => s.slice(0, at % (s.length + 1)) + c + s.slice(at % (s.length + 1)), value),
  );

interface ValueClass {
  readonly name: string;
  readonly values: fc.Arbitrary<string>;
  /** Whether upstream accepts some and refuses some of the class: proves the class reaches both paths. */
  readonly expects: 'both' | 'refusals' | 'acceptances';
}
/** A class of byte strings; `hazardous` ones are checked to really be outside well-formed UTF-8. */
const bytesClass = (name: string, bytes: fc.Arbitrary<Uint8Array>, expects: ValueClass['expects'], hazardous = true) => ({
  name,
  expects,
  values: bytes.map((b) => {
    if (hazardous && isWellFormedUtf8(b)) throw new Error(`generator of ${name} produced well-formed UTF-8`);
    return base64url(b);
  }),
});

const CLASSES: readonly ValueClass[] = [
  bytesClass('well-formed UTF-8, every plane', filler.map((b) => Uint8Array.from(b)), 'acceptances', false),
  bytesClass('random bytes', anyBytes, 'both', false),
  bytesClass('overlong forms', around(overlong), 'acceptances'),
  bytesClass('truncated sequences', around(truncated), 'both'),
  bytesClass('encoded surrogates (CESU-8 style)', around(surrogates), 'acceptances'),
  bytesClass('4-byte sequences above U+10FFFF and 5/6-byte leads', around(aboveMax), 'refusals'),
  bytesClass('leading BOM', fc.oneof(filler, anyBytes.map((b) => [...b])).map((b) => Uint8Array.from([...BOM, ...b])), 'both', false),
  {
    name: 'invalid base64url alphabet',
    values: anyBytes.chain((b) => sprinkle(base64url(b), hostileChar)),
    expects: 'both',
  },
  {
    name: 'every length, padding and whitespace anywhere',
    values: fc
      .tuple(anyBytes, fc.nat())
      .chain(([b, cut]) => {
        const full = base64url(b);
        return sprinkle(full.slice(0, cut % (full.length + 1)), fc.constantFrom('=', '==', ' ', '\t', '\n', '\r'));
      }),
    expects: 'acceptances',
  },
];

describe('fromBase64Url ≡ @supabase/ssr stringFromBase64URL (differential)', () => {
  describe.each(CLASSES)('$name', ({ values, expects }) => {
    it.each([
      ['fixed seed', FIXED_SEED],
      ['random seed', undefined],
    ])(`agrees on ${RUNS} values (%s)`, (_label, seed) => {
      let accepted = 0;
      let refused = 0;
      fc.assert(
        fc.property(values, (value) => {
          const theirs = outcome(stringFromBase64URL, value);
          const ours = outcome(fromBase64Url, value);
          if (theirs.ok) accepted += 1;
          else refused += 1;
          return theirs.ok ? ours.ok && ours.text === theirs.text : !ours.ok;
        }),
        // fast-check prints the seed of a failing random run, so it can be replayed.
        { numRuns: RUNS, ...(seed === undefined ? {} : { seed }) },
      );
      if (expects !== 'refusals') expect(accepted).toBeGreaterThan(0);
      if (expects !== 'acceptances') expect(refused).toBeGreaterThan(0);
    });
  });

  it.each([
    ['overlong NUL', [0xc0, 0x80], '\u0000'],
    ['CESU-8 pair joins into one character', [0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80], '😀'],
    ['lone encoded surrogate', [0x41, 0xed, 0xa0, 0x80], 'A\uD800'],
    ['sequence cut off at the end is dropped', [0x41, 0xe2, 0x82], 'A'],
    ['lead byte read as a continuation', [0xe2, 0xc3, 0xa9], '\u20e9'],
    ['leading BOM is kept', [...BOM, 0x7b, 0x7d], '\uFEFF{}'],
  ])('reads %s as upstream does', (_name, bytes, text) => {
    const value = base64url(Uint8Array.from(bytes));
    expect(stringFromBase64URL(value)).toBe(text);
    expect(fromBase64Url(value)).toBe(text);
  });

  it.each([
    ['a continuation without a lead', [0x80]],
    ['a cut-off sequence followed by ASCII', [0xe2, 0x82, 0x41]],
    ['U+110000', [0xf4, 0x90, 0x80, 0x80]],
    ['a 5-byte lead', [0xf8, 0x88, 0x80, 0x80, 0x80]],
  ])('refuses %s as upstream does, without quoting the value', (_name, bytes) => {
    const value = base64url(Uint8Array.from(bytes));
    expect(() => stringFromBase64URL(value)).toThrow();
    expect(() => fromBase64Url(value)).toThrow(/^Invalid UTF-8 in base64url value$/);
  });
});
