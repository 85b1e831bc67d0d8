// Validates return-to targets so a login link can never send the user to another origin (DESIGN §3.6, §1 item 8).

/** Longest return-to value accepted; longer ones fall back to the default target. */
export const RETURN_TO_MAX_LENGTH = 2048;

// What a later decode (by the app, a proxy, the browser) sees must pass too; deeper encodings are refused.
const DECODE_ROUNDS = 3;
// Anything that is not printable ASCII is percent-encoded first, so the value is a valid header value.
const NOT_PRINTABLE_ASCII = /[^\u0021-\u007e]/u;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
// Origins the returned value is resolved against as a last check: plain, with a port, IPv6, IP.
const PROBE_ORIGINS = ['http://lockstep.invalid', 'https://app.lockstep.invalid:8443', 'http://[::1]:3000', 'http://127.0.0.1'] as const;

/**
 * Returns a safe same-origin target (path and query, printable ASCII) or `null`, in which case the
 * caller uses its default. Fails closed, and what it returns is the input itself (a fragment dropped,
 * non-ASCII percent-encoded), never a value a URL parser rewrote: resolving dot segments is how
 * `/.//evil.com` turns into `//evil.com`, so a dot segment (`.`, `..`, `%2e`) is refused outright.
 *
 * Every layer of the value, and of up to three decodes of it, must start with exactly one `/`
 * (never `//`, `/\`), hold no control character, no backslash and no dot segment in its path.
 *
 * @example
 * sanitizeReturnTo('/dashboard?tab=2'); // '/dashboard?tab=2'
 * sanitizeReturnTo('//evil.com');       // null
 * sanitizeReturnTo('/.//evil.com');     // null
 */
export function sanitizeReturnTo(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > RETURN_TO_MAX_LENGTH) return null;
  const target = encodeNonAscii(withoutFragment(value));
  if (target === null || target.length > RETURN_TO_MAX_LENGTH) return null;
  let layer = target;
  for (let round = 0; ; round++) {
    if (!isPlainLocalPath(layer)) return null;
    const decoded = safeDecode(layer);
    if (decoded === null) return null;
    if (decoded === layer) break;
    if (round === DECODE_ROUNDS) return null;
    layer = decoded;
  }
  return staysOnOrigin(target) ? target : null;
}

/**
 * One layer of a return-to: a single leading `/`, no control characters, and a path part without
 * backslashes or dot segments. A decoded `?` or `#` in the query is data, so only the path part is
 * split into segments.
 */
function isPlainLocalPath(layer: string): boolean {
  if (layer[0] !== '/' || layer[1] === '/' || layer[1] === '\\' || CONTROL.test(layer)) return false;
  const end = layer.search(/[?#]/);
  const path = end === -1 ? layer : layer.slice(0, end);
  if (path.includes('\\')) return false;
  return path.split('/').every((segment) => !isDotSegment(segment));
}

/** `.` and `..`, and the forms URL parsers read as them (`%2e`, `.%2E`, …). */
function isDotSegment(segment: string): boolean {
  const plain = segment.replace(/%2e/giu, '.');
  return plain === '.' || plain === '..';
}

/** Last check, on the value actually returned: browsers resolve it, and its decoded form, on the same origin. */
function staysOnOrigin(target: string): boolean {
  const decoded = safeDecode(target);
  for (const origin of PROBE_ORIGINS) {
    for (const form of decoded === null ? [target] : [target, decoded]) {
      try {
        if (new URL(form, origin).origin !== origin) return false;
      } catch {
        return false;
      }
    }
  }
  return true;
}

/** The fragment never reaches a server; dropping it keeps `#` out of the checks' way. */
function withoutFragment(value: string): string {
  const hash = value.indexOf('#');
  return hash === -1 ? value : value.slice(0, hash);
}

/** Percent-encodes every character outside printable ASCII (space, non-ASCII); `null` for lone surrogates. */
function encodeNonAscii(value: string): string | null {
  if (!NOT_PRINTABLE_ASCII.test(value)) return value;
  let out = '';
  for (const char of value) {
    if (!NOT_PRINTABLE_ASCII.test(char)) {
      out += char;
      continue;
    }
    if (CONTROL.test(char)) return null;
    try {
      out += encodeURIComponent(char);
    } catch {
      return null;
    }
  }
  return out;
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
