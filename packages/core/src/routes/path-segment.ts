// Strict decoding and re-encoding of one URL path segment, the unit of path canonicalization.

/** A decoded segment and its canonical spelling, or why it cannot be decoded safely. */
export type SegmentResult =
  | { kind: 'ok'; decoded: string; canonical: string }
  | { kind: 'malformed'; reason: 'bad_encoding' | 'control_character' };

const PERCENT_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
// A lone surrogate can only come from a caller that handed us a broken JS string; percent-decoding
// never produces one. It has no UTF-8 form, so it is treated as bad encoding.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Percent-decodes one raw segment strictly and gives its canonical spelling: the decoded text with
 * `%` written `%25` and `/` written `%2F`. That keeps an encoded slash distinct from a separator,
 * stops double encoding (`%252F`) from collapsing into anything else, and makes decoding the
 * canonical spelling give the same text back (idempotence).
 */
export function decodeSegment(raw: string): SegmentResult {
  let decoded = raw;
  if (raw.includes('%')) {
    if (PERCENT_ESCAPE.test(raw)) return { kind: 'malformed', reason: 'bad_encoding' };
    try {
      // decodeURIComponent rejects invalid UTF-8 (overlongs such as %C0%AF, %FF, encoded
      // surrogates) with a URIError: ECMA-262 §19.2.6.1 Decode.
      decoded = decodeURIComponent(raw);
    } catch (error) {
      if (error instanceof URIError) return { kind: 'malformed', reason: 'bad_encoding' };
      throw error;
    }
  }
  if (LONE_SURROGATE.test(decoded)) return { kind: 'malformed', reason: 'bad_encoding' };
  if (hasControlCharacter(decoded)) return { kind: 'malformed', reason: 'control_character' };
  const canonical = decoded.includes('%') || decoded.includes('/')
    ? decoded.replaceAll('%', '%25').replaceAll('/', '%2F')
    : decoded;
  return { kind: 'ok', decoded, canonical };
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x1f || code === 0x7f) return true;
  }
  return false;
}

/**
 * Classifies a decoded segment as a dot segment. A segment whose part before the first `;` is `.`
 * or `..` but that carries a parameter (`..;`, `.;x`) is `dot_parameter`: servlet containers strip
 * the parameter and then resolve the dots (the Tomcat `/dashboard/..;/admin` bypass).
 */
export function dotSegmentKind(decoded: string): 'dot' | 'dotdot' | 'dot_parameter' | null {
  const semicolon = decoded.indexOf(';');
  const head = semicolon === -1 ? decoded : decoded.slice(0, semicolon);
  if (head !== '.' && head !== '..') return null;
  if (semicolon !== -1) return 'dot_parameter';
  return head === '.' ? 'dot' : 'dotdot';
}

/**
 * True when a decoded segment hides a dot segment behind an encoded slash or a backslash
 * (`..%2Fadmin`, `..\admin`). We never split on those, but a backend that does would walk up a
 * directory the policy never saw, so such a segment is rejected rather than matched.
 */
export function hidesDotSegment(decoded: string): boolean {
  if (!decoded.includes('/') && !decoded.includes('\\')) return false;
  return decoded.split(/[/\\]/).some((part) => dotSegmentKind(part) !== null);
}
