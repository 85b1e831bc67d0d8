// Other readings of a Cookie header that carries the session cookie more than once (cookie tossing).
import { parseCookiePairs } from './cookie-codec.js';
import type { RequestCookie } from './request-cookies.js';

/**
 * Most readings returned. Each is decoded locally (cheap: a header is a few KiB), and only distinct
 * readable sessions among them cost a check (see `MAX_WEIGHED_SESSIONS`); the bound keeps a header
 * full of duplicates from costing more than a few decodes.
 */
export const MAX_SESSION_VARIANTS = 16;

/**
 * The other ways to read the session cookie `name` (and its chunks `name.0`, `name.1`, …) when the
 * header carries it ambiguously, or `[]` when it does not (the usual case, at the cost of one scan).
 *
 * A sibling subdomain or a narrower `Path` can plant a cookie of the session's name that the browser
 * sends *first*, and first is what `parseRequestCookies` (like every cookie parser) keeps. The
 * variants are `cookies` with every other choice of one occurrence per family name (at most
 * `MAX_SESSION_VARIANTS`); when an unchunked `name` shadows chunks (which `@supabase/ssr` reads in
 * their place), the choices without it follow.
 * Values are decoded by the same parser as `cookies`, one pair at a time.
 *
 * @example
 * sessionCookieVariants('sb-x-auth-token=junk; sb-x-auth-token=base64-eyJ…', cookies, 'sb-x-auth-token');
 * // → [[{ name: 'sb-x-auth-token', value: 'base64-eyJ…' }, …the other cookies]]
 */
export function sessionCookieVariants(cookieHeader: string | null, cookies: readonly RequestCookie[], name: string): RequestCookie[][] {
  if (typeof cookieHeader !== 'string') return [];
  // The usual case costs a few searches: every occurrence of the name in the header is accounted
  // for by a distinct family cookie the parser kept (one unchunked cookie, or chunks alone), so
  // there is neither a duplicate nor an unchunked name next to chunks. Anything else is scanned.
  if (unambiguous(cookieHeader, cookies, name)) return [];
  return scanSessionCookieVariants(cookieHeader, cookies, name);
}

/**
 * `sessionCookieVariants` without its quick check: scans every pair of the header. Exported for the
 * property test that holds the quick check to it.
 */
export function scanSessionCookieVariants(cookieHeader: string, cookies: readonly RequestCookie[], name: string): RequestCookie[][] {
  // Names first: values (a chunked session is tens of KiB) are decoded only when there is ambiguity.
  const familyPairs: (readonly [string, string])[] = [];
  const names = new Set<string>();
  let duplicated = false;
  for (const pair of cookieHeader.split(';')) {
    const pairName = pair.slice(0, pair.indexOf('=') >>> 0).trim();
    if (!isFamily(pairName, name)) continue;
    if (names.has(pairName)) duplicated = true;
    names.add(pairName);
    familyPairs.push([pairName, pair]);
  }
  const shadowed = names.has(name) && names.size > 1;
  if (!duplicated && !shadowed) return [];
  const occurrences = new Map<string, string[]>();
  for (const [pairName, pair] of familyPairs) {
    // The parser drops an empty value; it still takes the name's place in the browser's reading.
    const value = parseCookiePairs(pair)[0]?.value ?? '';
    occurrences.set(pairName, [...(occurrences.get(pairName) ?? []), value]);
  }
  const rest = cookies.filter((cookie) => !isFamily(cookie.name, name));
  const families = [[...occurrences], ...(shadowed ? [[...occurrences].filter(([key]) => key !== name)] : [])];
  const variants: RequestCookie[][] = [];
  for (const entries of families) {
    for (const picked of combinations(entries)) {
      // The first combination with every name is the browser's own reading, which the caller has.
      if (entries.length === occurrences.size && variants.length === 0 && picked.every((choice) => choice === 0)) continue;
      if (variants.length === MAX_SESSION_VARIANTS) return variants;
      variants.push([...entries.map(([cookieName, values], i) => ({ name: cookieName, value: values[picked[i] ?? 0] ?? '' })), ...rest]);
    }
  }
  return variants;
}

/**
 * True when the header names the family no more often than the parsed cookies hold distinct family
 * names, and not the unchunked name beside chunks. Each pair of a family name contains `name`, so
 * occurrences ≥ pairs ≥ distinct names: equality leaves no room for a duplicate pair (an empty or
 * undecodable one included, which the parser drops). A value that contains `name` only makes the
 * count larger, which sends the header to the full scan.
 */
function unambiguous(header: string, cookies: readonly RequestCookie[], name: string): boolean {
  let occurrences = 0;
  for (let at = header.indexOf(name); at !== -1; at = header.indexOf(name, at + name.length)) occurrences += 1;
  if (occurrences <= 1) return true;
  let family = 0;
  let unchunked = false;
  for (const cookie of cookies) {
    if (!isFamily(cookie.name, name)) continue;
    family += 1;
    if (cookie.name === name) unchunked = true;
  }
  return occurrences === family && !unchunked;
}

/** Every choice of one occurrence per name (indexes), first occurrences first, lazily. */
function* combinations(entries: readonly (readonly [string, readonly string[]])[]): Generator<number[]> {
  const picked = entries.map(() => 0);
  for (;;) {
    yield [...picked];
    let position = entries.length - 1;
    while (position >= 0 && (picked[position] ?? 0) + 1 >= (entries[position]?.[1].length ?? 0)) {
      picked[position] = 0;
      position -= 1;
    }
    if (position < 0) return;
    picked[position] = (picked[position] ?? 0) + 1;
  }
}

/** `name` itself or one of its chunks `name.<digits>`. */
function isFamily(candidate: string, name: string): boolean {
  if (candidate === name) return true;
  if (!candidate.startsWith(`${name}.`)) return false;
  return /^\d+$/.test(candidate.slice(name.length + 1));
}
