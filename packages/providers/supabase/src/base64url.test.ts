import { stringFromBase64URL, stringToBase64URL } from '@supabase/ssr';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from './base64url.js';

// Code points from U+20000 up are the ones @supabase/ssr 0.12.7's encoder gets wrong.
const hasPlane2Plus = (s: string) => [...s].some((c) => (c.codePointAt(0) ?? 0) >= 0x20000);
const wellFormed = fc.string({ unit: 'grapheme', maxLength: 200 });

describe('toBase64Url', () => {
  it('matches @supabase/ssr stringToBase64URL wherever that one is correct', () => {
    fc.assert(
      fc.property(wellFormed.filter((s) => !hasPlane2Plus(s)), (s) => {
        expect(toBase64Url(s)).toBe(stringToBase64URL(s));
      }),
    );
  });

  it('is standard unpadded base64url of UTF-8, and upstream decodes it back exactly', () => {
    fc.assert(
      fc.property(wellFormed, (s) => {
        const encoded = toBase64Url(s);
        expect(encoded).toBe(Buffer.from(s, 'utf8').toString('base64url'));
        expect(stringFromBase64URL(encoded)).toBe(s);
      }),
    );
  });

  it.each(['𠀀', '𪚥', '\u{10FFFF}'])('keeps %s intact where upstream would corrupt it', (s) => {
    expect(stringFromBase64URL(stringToBase64URL(s))).not.toBe(s); // the upstream defect
    expect(stringFromBase64URL(toBase64Url(s))).toBe(s);
  });

  it('handles values larger than one fromCharCode slice', () => {
    const s = 'é'.repeat(40_000);
    expect(toBase64Url(s)).toBe(Buffer.from(s, 'utf8').toString('base64url'));
  });
});

describe('fromBase64Url', () => {
  const upstream = (value: string): { ok: true; text: string } | { ok: false } => {
    try {
      return { ok: true, text: stringFromBase64URL(value) };
    } catch {
      return { ok: false };
    }
  };
  const ours = (value: string): { ok: true; text: string } | { ok: false } => {
    try {
      return { ok: true, text: fromBase64Url(value) };
    } catch {
      return { ok: false };
    }
  };

  it('reads what the encoder writes, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(fromBase64Url(toBase64Url(s))).toBe(s);
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with @supabase/ssr on valid values (whitespace, padding and a partial trailing group included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.constantFrom('', '=', '==', ' ', '\n', 'A'), (s, noise) => {
        const value = stringToBase64URL(s) + noise;
        expect(ours(value)).toEqual(upstream(value));
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts exactly what upstream accepts, and reads it the same way', () => {
    // Lenient UTF-8 included (see base64url.differential.test.ts for the class-by-class run).
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (value) => {
        expect(ours(value)).toEqual(upstream(value));
      }),
      { numRuns: 2000 },
    );
    for (const value of ['abc+def', 'abc/def', 'ab%cd', 'not base64!']) expect(ours(value).ok).toBe(false);
  });
});
