// Plans the cookie writes that store or clear a Supabase session, deduplicated against the request.
import { isChunkLike } from '@supabase/ssr';
import type { CookieAttributes, CookieWrite } from '@lockstep/core/cookies';
import type { RequestCookie } from '@lockstep/core/cookies';
import { encodeSessionCookie, type SessionCookieEncoding } from './session-cookie.js';
import type { SupabaseStoredSession } from './stored-session.js';

/**
 * The writes that make the browser hold `session` under `storageKey` (or nothing, for `null`),
 * given the cookies of the current request. Matches `@supabase/ssr`'s `applyServerStorage`:
 *
 * - only chunks whose value differs from the request are written;
 * - every chunk-like cookie of the key that the request carries and the new set lacks is
 *   deleted (unchunked → chunked, fewer chunks, chunked → unchunked); `null` deletes all of them;
 * - nothing is deleted that the request does not carry, and other cookies are never touched;
 * - deletions come first, then writes; a deletion keeps the path/domain with `maxAge: 0`;
 * - with a `domain`, each deletion is preceded by a host-only deletion of the same name, to clear
 *   cookies left from before a host-only → parent-domain move (ssr #240; host-only first because
 *   name-keyed stores such as Next's `ResponseCookies` keep the last entry, ssr #256).
 *
 * @example
 * const writes = planSessionWrite(cookies, 'sb-abc-auth-token', refreshed, attributes);
 * const plan = createCookiePlan(cookies, writes);
 */
export function planSessionWrite(
  requestCookies: readonly RequestCookie[],
  storageKey: string,
  session: SupabaseStoredSession | null,
  attributes: CookieAttributes,
  encoding?: SessionCookieEncoding,
): CookieWrite[] {
  const current = new Map<string, string>();
  for (const { name, value } of requestCookies) {
    if (!current.has(name)) current.set(name, value);
  }
  const desired = session === null ? [] : encodeSessionCookie(session, storageKey, encoding);
  const desiredNames = new Set(desired.map(({ name }) => name));
  const stale = [...current.keys()].filter(
    (name) => isChunkLike(name, storageKey) && !desiredNames.has(name),
  );

  const deletion: CookieAttributes = { ...attributes, maxAge: 0 };
  const { domain: _domain, ...hostOnlyDeletion } = deletion;
  const writes: CookieWrite[] = [];
  if (attributes.domain !== undefined) {
    for (const name of stale) writes.push({ name, value: '', attributes: hostOnlyDeletion });
  }
  for (const name of stale) writes.push({ name, value: '', attributes: deletion });
  for (const { name, value } of desired) {
    if (current.get(name) !== value) writes.push({ name, value, attributes });
  }
  return writes;
}
