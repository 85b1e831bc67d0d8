// Choosing among several sessions in one request (cookie tossing): the one that holds wins, never the planted one.
import type { RequestCookie } from '../cookies/request-cookies.js';
import type { AuthState } from './session.js';
import type { SessionProvider } from './session-provider.js';

/**
 * Most distinct sessions weighed per request: each costs a check or a refresh, and an anonymous
 * client must not multiply the app's auth-server calls by planting many.
 */
export const MAX_WEIGHED_SESSIONS = 3;

/** The readings to weigh, and whether they are all the readable sessions the request holds. */
export interface SessionReadings {
  readonly readings: (readonly RequestCookie[])[];
  /** False when more than `MAX_WEIGHED_SESSIONS` readable sessions were found: then nothing may be cleared. */
  readonly complete: boolean;
}

/**
 * The readings of the request's cookies that hold distinct sessions, in the browser's order (at
 * most `MAX_WEIGHED_SESSIONS`). Unreadable duplicates are dropped here, so a malformed planted
 * cookie can never get the real session cleared. With no readable session at all, the browser's
 * own reading stands alone.
 *
 * @example
 * const { readings, complete } = await distinctSessions(provider, [cookies, ...variants], now);
 */
export async function distinctSessions(provider: SessionProvider, variants: readonly (readonly RequestCookie[])[], now: number): Promise<SessionReadings> {
  const readable: (readonly RequestCookie[])[] = [];
  const seen = new Set<string>();
  for (const cookies of variants) {
    const read = await provider.readSession(cookies, now);
    if (read.kind !== 'present') continue;
    // Copies differ in any of these (a stale copy keeps the access token with a spent refresh token).
    const identity = `${read.session.accessToken}\u0000${read.session.refreshToken}\u0000${read.session.expiresAt}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    readable.push(cookies);
  }
  if (readable.length === 0) return { readings: variants[0] === undefined ? [] : [variants[0]], complete: true };
  return { readings: readable.slice(0, MAX_WEIGHED_SESSIONS), complete: readable.length <= MAX_WEIGHED_SESSIONS };
}

/**
 * Picks the result to act on among the results for several sessions (browser order):
 * the first authenticated one, unless sessions of two different users authenticate — then neither
 * (a planted session of the attacker's own account must not sign the victim into it), and
 * `ambiguous` is returned; otherwise the first unavailable one (the auth server could not judge),
 * otherwise the first.
 */
export function chooseResult<T extends { readonly auth: AuthState }>(results: readonly [T, ...T[]]): T | 'ambiguous' {
  const signedIn = results.filter((result) => result.auth.kind === 'authenticated');
  const users = new Set(signedIn.map((result) => (result.auth.kind === 'authenticated' ? result.auth.user.id : '')));
  if (users.size > 1) return 'ambiguous';
  return signedIn[0] ?? results.find((result) => result.auth.kind === 'unavailable') ?? results[0];
}
