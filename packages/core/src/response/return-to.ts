// Validates return-to targets so a login link can never send the user to another origin (DESIGN §3.6, §1 item 8).

/** Longest return-to value accepted; longer ones fall back to the default target. */
export const RETURN_TO_MAX_LENGTH = 2048;

const PROBE_ORIGIN = 'http://lockstep.invalid';
// Tab, CR and LF are stripped by URL parsers (`/\t/evil.com` becomes `//evil.com`); the rest of C0 and DEL never belong in a path.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
const DECODE_ROUNDS = 3;

/**
 * Returns a safe same-origin target (path and query) or `null`, in which case the caller uses its
 * default. Fails closed: anything that is not plainly a local path is refused, including
 * protocol-relative (`//x`), backslash (`/\x`, which browsers read as `//x`), absolute and
 * `javascript:` URLs, control characters, and encoded forms of those (`/%2F%2Fx`, `%2F%2Fx`).
 *
 * @example
 * sanitizeReturnTo('/dashboard?tab=2'); // '/dashboard?tab=2'
 * sanitizeReturnTo('//evil.com');       // null
 */
export function sanitizeReturnTo(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.length === 0 || value.length > RETURN_TO_MAX_LENGTH) return null;
  if (!isLocalPath(value) || value.includes('\\')) return null;
  // What a later decode (by the app, a proxy or the browser) would see must be local too.
  let decoded = value;
  for (let round = 0; round < DECODE_ROUNDS; round++) {
    const next = safeDecode(decoded);
    if (next === null) return null;
    if (next === decoded) break;
    if (!isLocalPath(pathPart(next)) || pathPart(next).includes('\\')) return null;
    decoded = next;
  }
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PROBE_ORIGIN) return null;
  return url.pathname + url.search;
}

/** A path that starts with exactly one `/` and has no control characters. */
function isLocalPath(value: string): boolean {
  return value.startsWith('/') && !value.startsWith('//') && !CONTROL.test(value);
}

/** The part before the query: a decoded `?` or `#` in the query is data, not a new URL. */
function pathPart(value: string): string {
  const end = value.search(/[?#]/);
  return end === -1 ? value : value.slice(0, end);
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
