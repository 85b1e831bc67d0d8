// The token backend's session cookie: `v1.` + base64url JSON `{ at, rt, exp, u }`, chunked when large.
import type { CookieAttributes, CookieWrite } from '@lockstep/core/cookies';
import type { RequestCookie } from '@lockstep/core/cookies';
import type { SessionRead } from '@lockstep/core';
import type { Session, SessionUser } from '@lockstep/core';
import { isToken } from './token-mapping.js';

/** Version tag at the start of every value, so the format can change without misreading old cookies. */
export const TOKEN_COOKIE_PREFIX = 'v1.';
/** Longest value of one cookie (as @supabase/ssr: room for name and attributes under 4096 bytes). */
export const TOKEN_COOKIE_CHUNK_SIZE = 3180;
/** More chunks than this is not a session but junk (≈ 25 KB). */
export const TOKEN_COOKIE_MAX_CHUNKS = 8;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The JSON inside the cookie. Short keys: it travels on every request. */
interface StoredTokens {
  readonly at: string;
  readonly rt: string;
  readonly exp: number;
  readonly u?: { readonly id: string; readonly email?: string; readonly role?: string };
}

/**
 * Encodes a session into the cookie(s) it is stored in: one `<name>` cookie, or `<name>.0`,
 * `<name>.1`, … when the value is longer than one cookie may be.
 *
 * @example
 * encodeTokenCookie(session, 'lockstep-session'); // → [{ name: 'lockstep-session', value: 'v1.eyJ…' }]
 */
export function encodeTokenCookie(session: Session, name: string): RequestCookie[] {
  const stored: StoredTokens = {
    at: session.accessToken,
    rt: session.refreshToken,
    exp: session.expiresAt,
    ...(session.user === null ? {} : { u: compactUser(session.user) }),
  };
  const value = TOKEN_COOKIE_PREFIX + toBase64Url(encoder.encode(JSON.stringify(stored)));
  if (value.length <= TOKEN_COOKIE_CHUNK_SIZE) return [{ name, value }];
  const chunks: RequestCookie[] = [];
  for (let index = 0; index * TOKEN_COOKIE_CHUNK_SIZE < value.length; index++) {
    chunks.push({ name: `${name}.${index}`, value: value.slice(index * TOKEN_COOKIE_CHUNK_SIZE, (index + 1) * TOKEN_COOKIE_CHUNK_SIZE) });
  }
  return chunks;
}

/**
 * Reads the session from the request's cookies. Never throws: anything unreadable (bad prefix,
 * base64url, UTF-8 or JSON, a wrong shape, a missing or surplus chunk, an oversized value) is
 * `malformed`, so the engine clears it and the user is anonymous (DESIGN §3.3, C16).
 */
export function readTokenCookie(cookies: readonly RequestCookie[], name: string): SessionRead {
  const values = new Map<string, string>();
  for (const cookie of cookies) if (!values.has(cookie.name)) values.set(cookie.name, cookie.value);
  const chunkIndexes = [...values.keys()].map((cookieName) => chunkIndex(cookieName, name)).filter((index): index is number => index !== null);
  let value: string;
  const whole = values.get(name);
  if (whole !== undefined) {
    value = whole;
  } else {
    if (chunkIndexes.length === 0) return { kind: 'none' };
    if (chunkIndexes.length > TOKEN_COOKIE_MAX_CHUNKS) return { kind: 'malformed', reason: 'too_large' };
    const parts: string[] = [];
    for (let index = 0; index < chunkIndexes.length; index++) {
      const part = values.get(`${name}.${index}`);
      if (part === undefined) return { kind: 'malformed', reason: 'missing_chunk' };
      parts.push(part);
    }
    value = parts.join('');
  }
  if (value.length > TOKEN_COOKIE_CHUNK_SIZE * TOKEN_COOKIE_MAX_CHUNKS) return { kind: 'malformed', reason: 'too_large' };
  if (!value.startsWith(TOKEN_COOKIE_PREFIX)) return { kind: 'malformed', reason: 'bad_prefix' };
  const bytes = fromBase64Url(value.slice(TOKEN_COOKIE_PREFIX.length));
  if (bytes === null) return { kind: 'malformed', reason: 'bad_base64' };
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(bytes));
  } catch {
    // Invalid UTF-8 or JSON: a truncated or tampered value.
    return { kind: 'malformed', reason: 'bad_json' };
  }
  const session = toStoredSession(json);
  return session === null ? { kind: 'malformed', reason: 'bad_shape' } : { kind: 'present', session };
}

/**
 * The writes that make the browser hold `session` (or nothing, for `null`), given the request's
 * cookies: changed cookies only; stale chunks (and a whole cookie replaced by chunks, or the
 * reverse) deleted; nothing deleted that the request does not carry. With a `domain`, each
 * deletion is preceded by a host-only one (cookies left from before a domain change).
 */
export function planTokenCookieWrite(cookies: readonly RequestCookie[], name: string, session: Session | null, attributes: CookieAttributes): CookieWrite[] {
  const current = new Map<string, string>();
  for (const cookie of cookies) if (!current.has(cookie.name)) current.set(cookie.name, cookie.value);
  const desired = session === null ? [] : encodeTokenCookie(session, name);
  const desiredNames = new Set(desired.map((cookie) => cookie.name));
  const stale = [...current.keys()].filter((cookieName) => (cookieName === name || chunkIndex(cookieName, name) !== null) && !desiredNames.has(cookieName));
  const deletion: CookieAttributes = { ...attributes, maxAge: 0 };
  const { domain: _domain, ...hostOnlyDeletion } = deletion;
  const writes: CookieWrite[] = [];
  if (attributes.domain !== undefined) for (const cookieName of stale) writes.push({ name: cookieName, value: '', attributes: hostOnlyDeletion });
  for (const cookieName of stale) writes.push({ name: cookieName, value: '', attributes: deletion });
  for (const cookie of desired) if (current.get(cookie.name) !== cookie.value) writes.push({ ...cookie, attributes });
  return writes;
}

function chunkIndex(cookieName: string, name: string): number | null {
  if (!cookieName.startsWith(`${name}.`)) return null;
  const suffix = cookieName.slice(name.length + 1);
  return /^(0|[1-9][0-9]{0,2})$/.test(suffix) ? Number(suffix) : null;
}

function toStoredSession(json: unknown): Session | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const { at, rt, exp, u } = json as Record<string, unknown>;
  if (!isToken(at) || !isToken(rt)) return null;
  if (typeof exp !== 'number' || !Number.isSafeInteger(exp) || exp <= 0) return null;
  let user: SessionUser | null = null;
  if (u !== undefined) {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return null;
    const { id, email, role } = u as Record<string, unknown>;
    if (typeof id !== 'string' || id === '') return null;
    const raw: Record<string, unknown> = { id };
    if (typeof email === 'string') raw.email = email;
    if (typeof role === 'string') raw.role = role;
    user = { id, ...(typeof email === 'string' ? { email } : {}), ...(typeof role === 'string' ? { role } : {}), raw };
  }
  return { accessToken: at, refreshToken: rt, expiresAt: exp, user };
}

function compactUser(user: SessionUser): NonNullable<StoredTokens['u']> {
  return { id: user.id, ...(user.email === undefined ? {} : { email: user.email }), ...(user.role === undefined ? {} : { role: user.role }) };
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(padded);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
