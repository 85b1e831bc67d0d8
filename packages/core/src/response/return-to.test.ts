import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RETURN_TO_MAX_LENGTH, sanitizeReturnTo } from './return-to.js';

describe('sanitizeReturnTo', () => {
  it.each([
    ['/dashboard', '/dashboard'],
    ['/dashboard?tab=2&x=%2F', '/dashboard?tab=2&x=%2F'],
    ['/a/b/../c', '/a/c'],
    ['/search?q=a%5Cb', '/search?q=a%5Cb'],
    ['/path%2Fwith%2Fencoded', '/path%2Fwith%2Fencoded'],
    ['/caf%C3%A9', '/caf%C3%A9'],
  ])('keeps the local target %s', (input, expected) => {
    expect(sanitizeReturnTo(input)).toBe(expected);
  });

  // DESIGN §1 item 8: open redirects through the return-to parameter.
  it.each([
    ['protocol-relative', '//evil.com'],
    ['protocol-relative with path', '//evil.com/dashboard'],
    ['backslash', '/\\evil.com'],
    ['backslashes', '\\\\evil.com'],
    ['absolute https', 'https://evil.com'],
    ['absolute http', 'http://evil.com/x'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>'],
    ['encoded double slash', '%2F%2Fevil.com'],
    ['slash then encoded slash', '/%2Fevil.com'],
    ['slash then encoded backslash', '/%5Cevil.com'],
    ['double-encoded slash', '/%252Fevil.com'],
    ['tab inside', '/\t/evil.com'],
    ['encoded tab', '/%09/evil.com'],
    ['newline', '/\nevil'],
    ['null byte', '/a\u0000b'],
    ['encoded null byte', '/a%00b'],
    ['DEL', '/a\u007fb'],
    ['relative', 'dashboard'],
    ['leading space', ' /dashboard'],
    ['malformed encoding', '/%E0%A4%A'],
    ['triple slash', '///evil.com'],
    ['empty', ''],
  ])('refuses %s', (_name, input) => {
    expect(sanitizeReturnTo(input)).toBeNull();
  });

  it('refuses null, undefined and over-long values', () => {
    expect(sanitizeReturnTo(null)).toBeNull();
    expect(sanitizeReturnTo(undefined)).toBeNull();
    expect(sanitizeReturnTo(`/${'a'.repeat(RETURN_TO_MAX_LENGTH)}`)).toBeNull();
    expect(sanitizeReturnTo(`/${'a'.repeat(RETURN_TO_MAX_LENGTH - 1)}`)).not.toBeNull();
  });

  it('never throws and only ever returns a single-slash local path', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map((s) => `/${s}`), fc.webUrl()), (input) => {
        const result = sanitizeReturnTo(input);
        if (result === null) return;
        expect(result.startsWith('/')).toBe(true);
        expect(result.startsWith('//')).toBe(false);
        expect(result.includes('\\')).toBe(false);
        expect(new URL(result, 'https://app.test').origin).toBe('https://app.test');
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent on what it accepts', () => {
    fc.assert(
      fc.property(fc.string().map((s) => `/${s}`), (input) => {
        const once = sanitizeReturnTo(input);
        if (once !== null) expect(sanitizeReturnTo(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});
