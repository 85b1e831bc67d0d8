import { stringFromBase64URL, stringToBase64URL } from '@supabase/ssr';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBase64Url } from './base64url.js';

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
