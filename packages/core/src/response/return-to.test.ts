import { describe, expect, it } from 'vitest';
import { RETURN_TO_MAX_LENGTH, sanitizeReturnTo } from './return-to.js';

describe('sanitizeReturnTo', () => {
  it.each([
    ['/dashboard', '/dashboard'],
    ['/dashboard?tab=2&x=%2F', '/dashboard?tab=2&x=%2F'],
    ['/search?q=a%5Cb', '/search?q=a%5Cb'],
    ['/search?q=../x', '/search?q=../x'],
    ['/path%2Fwith%2Fencoded', '/path%2Fwith%2Fencoded'],
    ['/caf%C3%A9', '/caf%C3%A9'],
    ['/café', '/caf%C3%A9'],
    ['/a b', '/a%20b'],
    ['/file.txt', '/file.txt'],
    ['/a/...', '/a/...'],
    ['/dashboard#section', '/dashboard'],
    ['/', '/'],
  ])('keeps the local target %s as %s', (input, expected) => {
    expect(sanitizeReturnTo(input)).toBe(expected);
  });

  // DESIGN §1 item 8 and the review's open redirect: what a URL parser would resolve is refused, not resolved.
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
    ['dot segment then slash', '/.//evil.com'],
    ['dot-dot segment then slash', '/..//evil.com'],
    ['dot-dot in the middle', '/a/..//evil.com/x?y=1'],
    ['encoded dot-dot', '/%2e%2e//evil.com'],
    ['mixed-case encoded dot', '/%2E.//evil.com'],
    ['dot segment to an IP', '/.//0x7f.1'],
    ['repeated dot segments to full-width letters', '/././/ｅｖｉｌ.com'],
    ['plain dot-dot', '/a/b/../c'],
    ['trailing dot segment', '/a/.'],
    ['backslash later in the path', '/a\\b'],
    ['four encodings deep', '/%25252525252F'],
    ['lone surrogate', '/a\ud800'],
  ])('refuses %s', (_name, input) => {
    expect(sanitizeReturnTo(input)).toBeNull();
  });

  it('refuses null, undefined, non-strings and over-long values', () => {
    expect(sanitizeReturnTo(null)).toBeNull();
    expect(sanitizeReturnTo(undefined)).toBeNull();
    expect(sanitizeReturnTo(42 as unknown as string)).toBeNull();
    expect(sanitizeReturnTo(`/${'a'.repeat(RETURN_TO_MAX_LENGTH)}`)).toBeNull();
    expect(sanitizeReturnTo(`/${'a'.repeat(RETURN_TO_MAX_LENGTH - 1)}`)).not.toBeNull();
    expect(sanitizeReturnTo(`/${'é'.repeat(RETURN_TO_MAX_LENGTH / 2)}`)).toBeNull();
  });
});
