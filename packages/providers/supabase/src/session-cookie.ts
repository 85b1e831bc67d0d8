// The Supabase session cookie codec: the exact wire format of @supabase/ssr 0.12.7 (notes §1.6–1.7).
import { createChunks, isChunkLike } from '@supabase/ssr';
import { LockstepError } from '@lockstep/core';
import type { RequestCookie } from '@lockstep/core/cookies';
import { fromBase64Url, toBase64Url } from './base64url.js';
import { isSupabaseStoredSession, type SupabaseStoredSession } from './stored-session.js';

/** Marks a base64url-encoded value; a value without it is raw JSON (older cookies, `'raw'`). */
export const BASE64_PREFIX = 'base64-';

/**
 * Largest joined cookie value (URI-decoded characters, all chunks) we read or write: 64 KiB,
 * about 20 chunks. Browsers and servers (Node's 16 KiB header limit) refuse far less, so a
 * larger value is garbage or an attack, and is rejected before it is decoded.
 */
export const MAX_SESSION_COOKIE_LENGTH = 64 * 1024;

/** How the session JSON is stored: `@supabase/ssr`'s `cookieEncoding`. */
export type SessionCookieEncoding = 'base64url' | 'raw';

/** Why a present session cookie could not be used; callers clear it and go on anonymous. */
export type SessionCookieMalformedReason =
  | 'bad_base64'
  | 'bad_json'
  | 'bad_shape'
  | 'missing_chunk'
  | 'too_large';

/** The result of reading the session cookie. A corrupt cookie is an outcome, not an exception. */
export type SessionCookieRead =
  | { readonly kind: 'none' }
  | { readonly kind: 'malformed'; readonly reason: SessionCookieMalformedReason }
  | { readonly kind: 'present'; readonly session: SupabaseStoredSession };

const NONE = Object.freeze({ kind: 'none' } as const);

/**
 * Reads the session stored under `storageKey` the way `@supabase/ssr`'s `combineChunks` does:
 * a cookie named exactly `storageKey` wins; otherwise `key.0`, `key.1`, … are joined up to the
 * first gap. Where upstream silently reads a truncated value, this reports `malformed`:
 * a chunk beyond the gap (`.0` and `.2` without `.1`, or chunks without `.0`) is
 * `missing_chunk`, and an error body or any other non-session JSON is `bad_shape`. Empty cookie
 * values count as absent, as upstream. Never throws.
 *
 * @example
 * const read = await readSessionCookie(parseRequestCookies(request.headers.get('cookie')), key);
 * if (read.kind === 'present') use(read.session.access_token);
 */
export async function readSessionCookie(
  cookies: readonly RequestCookie[],
  storageKey: string,
): Promise<SessionCookieRead> {
  const joined = joinSessionCookie(cookies, storageKey);
  return joined.kind === 'joined' ? decodeSessionValue(joined.value) : joined;
}

/** The session cookie's value, chunks joined, before decoding: what `readSessionCookie` decodes. */
export type JoinedSessionCookie = Exclude<SessionCookieRead, { kind: 'present' }> | { readonly kind: 'joined'; readonly value: string };

/**
 * The first half of `readSessionCookie`: finds the cookie (or its chunks), checks for lost chunks
 * and the size cap, and joins the value without decoding it. A provider caches by this value.
 *
 * @example
 * const joined = joinSessionCookie(cookies, 'sb-abc-auth-token');
 * if (joined.kind === 'joined') decodeSessionValue(joined.value);
 */
export function joinSessionCookie(cookies: readonly RequestCookie[], storageKey: string): JoinedSessionCookie {
  const byName = new Map<string, string>();
  for (const cookie of cookies) {
    const { name, value } = (cookie ?? {}) as Partial<RequestCookie>;
    // First wins, as parseCookieHeader and upstream's `find`; tolerate junk from untyped callers.
    if (typeof name === 'string' && typeof value === 'string' && !byName.has(name)) {
      byName.set(name, value);
    }
  }

  let length = 0;
  let tooLarge = false;
  let chunksRead = 0;
  const joined = joinChunks(storageKey, (name) => {
    const value = byName.get(name);
    if (value === undefined || value === '' || tooLarge) return null;
    length += value.length;
    // Stop collecting once over the cap, so an oversized value is never joined or decoded.
    if (length > MAX_SESSION_COOKIE_LENGTH) {
      tooLarge = true;
      return null;
    }
    if (name !== storageKey) chunksRead += 1;
    return value;
  });

  if (tooLarge) return malformed('too_large');
  const unchunked = byName.get(storageKey);
  if (unchunked === undefined || unchunked === '') {
    // Chunks past the gap mean a generation was lost (a partial write, ssr #169): not a session.
    for (const [name, value] of byName) {
      if (value !== '' && name !== storageKey && isChunkLike(name, storageKey)) {
        if (chunkIndex(name) >= chunksRead) return malformed('missing_chunk');
      }
    }
  }
  return joined === null ? NONE : { kind: 'joined', value: joined };
}

/**
 * The cookies (name and value, chunked) that store `session` under `storageKey`, as
 * `@supabase/ssr` writes them: `'base64-' + base64url(JSON)` by default (see `toBase64Url` for
 * the one deliberate difference), split with
 * `createChunks` at `MAX_CHUNK_SIZE` (3180 URI-encoded characters). Throws
 * `LockstepError('ERR_COOKIE_ENCODE')` for a value that is not a session (it must never be
 * stored as one) and `LockstepError('ERR_COOKIE_TOO_LARGE')` above `MAX_SESSION_COOKIE_LENGTH`,
 * which `readSessionCookie` would refuse.
 *
 * @example
 * encodeSessionCookie(session, 'sb-abc-auth-token');
 * // → [{ name: 'sb-abc-auth-token', value: 'base64-eyJhY2Nlc3NfdG9rZW4iOi…' }]
 */
export function encodeSessionCookie(
  session: SupabaseStoredSession,
  storageKey: string,
  encoding: SessionCookieEncoding = 'base64url',
): RequestCookie[] {
  if (encoding !== 'base64url' && encoding !== 'raw') {
    throw new LockstepError('ERR_CONFIG_COOKIE', 'cookie encoding must be "base64url" or "raw"');
  }
  if (!isSupabaseStoredSession(session)) {
    throw new LockstepError(
      'ERR_COOKIE_ENCODE',
      'Refusing to store a session without access_token, refresh_token and integer expires_at',
    );
  }
  let json: string;
  try {
    json = JSON.stringify(session);
  } catch (cause) {
    // JSON.stringify errors name types and property paths, never the values.
    throw new LockstepError('ERR_COOKIE_ENCODE', 'Session is not JSON-serializable', { cause });
  }
  const value = encoding === 'base64url' ? BASE64_PREFIX + toBase64Url(json) : json;
  if (value.length > MAX_SESSION_COOKIE_LENGTH) {
    throw new LockstepError(
      'ERR_COOKIE_TOO_LARGE',
      `Encoded session is ${value.length} characters, over the ${MAX_SESSION_COOKIE_LENGTH} limit; store less user metadata`,
    );
  }
  return createChunks(storageKey, value);
}

/**
 * Decodes a joined session cookie value (`base64-` + base64url JSON, or raw JSON) into the stored
 * session, or `malformed` with the reason. Never throws.
 *
 * @example
 * decodeSessionValue('base64-eyJhY2Nlc3NfdG9rZW4iOi…'); // → { kind: 'present', session }
 */
export function decodeSessionValue(value: string): SessionCookieRead {
  let json = value;
  if (value.startsWith(BASE64_PREFIX)) {
    try {
      // Throws exactly where upstream does: outside the alphabet, or UTF-8 it cannot read at all.
      json = fromBase64Url(value.slice(BASE64_PREFIX.length));
    } catch {
      return malformed('bad_base64');
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return malformed('bad_json');
  }
  return isSupabaseStoredSession(parsed)
    ? Object.freeze({ kind: 'present', session: parsed })
    : malformed('bad_shape');
}

/**
 * `@supabase/ssr`'s `combineChunks` without its awaits (one microtask per chunk): the value named
 * `key` when non-empty, else `key.0`, `key.1`, … joined up to the first missing or empty one, else
 * `null`.
 */
function joinChunks(key: string, chunk: (name: string) => string | null): string | null {
  const whole = chunk(key);
  if (whole) return whole;
  const values: string[] = [];
  for (let i = 0; ; i++) {
    const value = chunk(`${key}.${i}`);
    if (!value) break;
    values.push(value);
  }
  return values.length > 0 ? values.join('') : null;
}

function malformed(reason: SessionCookieMalformedReason): Extract<SessionCookieRead, { kind: 'malformed' }> {
  return Object.freeze({ kind: 'malformed', reason });
}

/** The `N` of a chunk-like name `key.N` (isChunkLike has already matched it). */
function chunkIndex(name: string): number {
  return Number(name.slice(name.lastIndexOf('.') + 1));
}
