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
const HAS_SKIPPED = /[ \t\n\r=]/;
const NON_ASCII = /[\u0080-\u00ff]/;
const ALPHABET_CHARACTER = /^[A-Za-z0-9_-]$/;
// ignoreBOM: upstream keeps a leading U+FEFF in the text (whose JSON then fails to parse); the
// default would silently strip it and read a session upstream refuses.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes unpadded base64url into UTF-8 text, giving exactly `@supabase/ssr`'s
 * `stringFromBase64URL` result, and throwing exactly where it throws. Upstream skips spaces,
 * tabs, newlines and `=`, ignores a trailing partial group, and decodes UTF-8 leniently:
 * overlong forms, encoded surrogates (CESU-8 pairs join into one character) and a sequence cut
 * off at the end are read, not refused. Well-formed UTF-8 (nearly every cookie) takes the
 * native `atob` + `TextDecoder` path, whose output is then identical; all-ASCII bytes (the usual
 * session: tokens and plain metadata) are their own UTF-8 reading and skip the byte copy. Anything
 * else is handed to upstream's own decoder, so no hand-written copy of its quirks can drift. This
 * runs over the whole session cookie on every request: native passes only, no per-character
 * JavaScript loop on the common path. Throws a `TypeError` that never quotes the value.
 *
 * @example
 * fromBase64Url('eyJhIjoxfQ'); // → '{"a":1}'
 */
export function fromBase64Url(value: string): string {
  // `atob` validates the alphabet natively once `-`/`_` are mapped; refuse first what it would
  // wrongly accept: the standard alphabet's `+` and `/`, and the form feed it skips as whitespace.
  if (value.includes('+') || value.includes('/') || value.includes('\f')) throw new TypeError('Invalid base64url value');
  const compact = HAS_SKIPPED.test(value) ? value.replace(SKIPPED, '') : value;
  // A lone trailing character carries 6 bits, less than a byte: upstream drops it, so do we
  // (after checking it: `atob` never sees it).
  let whole = compact;
  if (compact.length % 4 === 1) {
    if (!ALPHABET_CHARACTER.test(compact.slice(-1))) throw new TypeError('Invalid base64url value');
    whole = compact.slice(0, -1);
  }
  let binary: string;
  try {
    binary = atob(whole.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    throw new TypeError('Invalid base64url value'); // a character outside the alphabet
  }
  if (!NON_ASCII.test(binary)) return binary; // ASCII bytes are their own UTF-8 reading
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  try {
    return utf8.decode(bytes);
  } catch {
    return decodeLenientUtf8(compact);
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
