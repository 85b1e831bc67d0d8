// UTF-8 ↔ unpadded base64url for cookie values: @supabase/ssr's format, read exactly as it reads it.
import { stringFromBase64URL } from '@supabase/ssr';

/**
 * Encodes text as unpadded base64url of its UTF-8 bytes, like `@supabase/ssr`'s
 * `stringToBase64URL`, which we deliberately do not call for writing: in 0.12.7 it mis-encodes
 * every code point from U+20000 up (CJK Extension B and later planes; its surrogate arithmetic
 * overflows 16 bits), so `'𠀀'` comes back as U+10000 and user metadata is silently corrupted.
 * For all other text the output is identical (a property test pins this), and upstream's
 * `stringFromBase64URL` decodes ours correctly, so browser and server clients interoperate.
 *
 * @example
 * toBase64Url('{"a":1}'); // → 'eyJhIjoxfQ'
 */
export function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  // Bounded slices: String.fromCharCode(...all) would exceed the engine's argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// What @supabase/ssr's decoder skips: whitespace and padding anywhere in the value.
const SKIPPED = /[ \t\n\r=]/g;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// Per ASCII code: its 6-bit value, SKIP for what upstream skips, INVALID for the rest.
const SKIP = -2;
const INVALID = -1;
const DECODE = new Int8Array(128).fill(INVALID);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;
for (const skipped of ' \t\n\r=') DECODE[skipped.charCodeAt(0)] = SKIP;
// ignoreBOM: upstream keeps a leading U+FEFF in the text (whose JSON then fails to parse); the
// default would silently strip it and read a session upstream refuses.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes unpadded base64url into UTF-8 text, giving exactly `@supabase/ssr`'s
 * `stringFromBase64URL` result, and throwing exactly where it throws. Upstream skips spaces,
 * tabs, newlines and `=`, ignores a trailing partial group, and decodes UTF-8 leniently:
 * overlong forms, encoded surrogates (CESU-8 pairs join into one character) and a sequence cut
 * off at the end are read, not refused. Well-formed UTF-8 (nearly every cookie) takes a one-pass
 * table decode + the native `TextDecoder`, whose output is then identical; anything else is handed
 * to upstream's own decoder, so no hand-written copy of its quirks can drift. The fast path
 * matters: this runs on every request, over the whole session cookie (profiled at ~30% of a cached
 * `claims` check with upstream's per-character loop, still the largest single cost after it).
 * Throws a `TypeError` that never quotes the value.
 *
 * @example
 * fromBase64Url('eyJhIjoxfQ'); // → '{"a":1}'
 */
export function fromBase64Url(value: string): string {
  const bytes = new Uint8Array(Math.ceil((value.length * 3) / 4));
  let length = 0;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const sextet = code < 128 ? (DECODE[code] ?? INVALID) : INVALID;
    if (sextet === SKIP) continue;
    if (sextet === INVALID) throw new TypeError('Invalid base64url value');
    buffer = ((buffer << 6) | sextet) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[length++] = (buffer >>> bits) & 0xff;
    }
  }
  // A lone trailing character carries 6 bits, less than a byte: never emitted, as upstream drops it.
  try {
    return utf8.decode(bytes.subarray(0, length));
  } catch {
    return decodeLenientUtf8(value.replace(SKIPPED, ''));
  }
}

/** Upstream's lenient reading of not-well-formed UTF-8; its errors quote the value, ours don't. */
function decodeLenientUtf8(compact: string): string {
  try {
    return stringFromBase64URL(compact);
  } catch {
    // No cause: upstream's messages carry characters and code points of the value.
    throw new TypeError('Invalid UTF-8 in base64url value');
  }
}
