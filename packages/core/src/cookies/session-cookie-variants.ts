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
  // The usual case costs two searches: the name appears at most once, so there is neither a
  // duplicate nor an unchunked name next to chunks (both need the name twice).
  const at = cookieHeader.indexOf(name);
  if (at === -1 || cookieHeader.indexOf(name, at + name.length) === -1) return [];
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
