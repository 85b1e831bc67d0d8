// The OIDC session cookie: `o1.` + base64url JSON `{ at, rt, exp, it?, u? }`, chunked when large, always HttpOnly.
import type { Session, SessionRead, SessionUser } from '@lockstep/core';
import type { CookieAttributes, CookieWrite, RequestCookie } from '@lockstep/core/cookies';
import { decodeJson, encodeJson } from './base64url.js';
import { planChunkedWrite, readChunks } from './chunked-cookie.js';
import { isToken } from './token-shape.js';

/** Version tag at the start of every value, so the format can change without misreading old cookies. */
export const OIDC_COOKIE_PREFIX = 'o1.';

/**
 * A session as this provider keeps it: the port's `Session` plus the ID token, which RP-initiated
 * logout sends back as `id_token_hint`. The port has no field for it, so it rides along as an extra
 * property (it survives the spreads and the JSON of refresh stores); `idTokenOf` reads it.
 */
export interface OidcSession extends Session {
  readonly idToken?: string;
}

/** The ID token a session carries, if any. */
export function idTokenOf(session: Session): string | null {
  const idToken = (session as OidcSession).idToken;
  return typeof idToken === 'string' && isToken(idToken) ? idToken : null;
}

/** The JSON inside the cookie. Short keys: it travels on every request. */
interface StoredSession {
  readonly at: string;
  readonly rt: string;
  readonly exp: number;
  readonly it?: string;
  readonly u?: { readonly id: string; readonly email?: string; readonly name?: string };
}

/** Encodes a session into the cookie value (before chunking). */
export function encodeSessionValue(session: Session): string {
  const idToken = idTokenOf(session);
  const stored: StoredSession = {
    at: session.accessToken,
    rt: session.refreshToken,
    exp: session.expiresAt,
    ...(idToken === null ? {} : { it: idToken }),
    ...(session.user === null ? {} : { u: compactUser(session.user) }),
  };
  return OIDC_COOKIE_PREFIX + encodeJson(stored);
}

/**
 * Reads the session from the request's cookies. Never throws: anything unreadable (bad prefix,
 * base64url, UTF-8 or JSON, a wrong shape, a missing or surplus chunk, an oversized value) is
 * `malformed`, so the engine clears it and the user is anonymous.
 */
export function readSessionCookie(cookies: readonly RequestCookie[], name: string): SessionRead {
  const read = readChunks(cookies, name);
  if (read.kind !== 'value') return read;
  if (!read.value.startsWith(OIDC_COOKIE_PREFIX)) return { kind: 'malformed', reason: 'bad_prefix' };
  const json = decodeJson(read.value.slice(OIDC_COOKIE_PREFIX.length));
  if (json === undefined) return { kind: 'malformed', reason: 'bad_encoding' };
  const session = toSession(json);
  return session === null ? { kind: 'malformed', reason: 'bad_shape' } : { kind: 'present', session };
}

/**
 * The writes for `session` (or clearing, for `null`), always `HttpOnly`: the browser never needs the
 * tokens. A refreshed session without an ID token (providers need not send one on refresh) keeps
 * the cookie's current one when it names the same user, so RP-initiated logout can still hint.
 */
export function planSessionWrite(cookies: readonly RequestCookie[], name: string, session: Session | null, attributes: CookieAttributes): CookieWrite[] {
  let value: Session | null = session;
  if (session !== null && idTokenOf(session) === null) {
    const current = readSessionCookie(cookies, name);
    const previous = current.kind === 'present' ? idTokenOf(current.session) : null;
    if (previous !== null && current.kind === 'present' && current.session.user !== null && current.session.user.id === session.user?.id) {
      value = { ...session, idToken: previous } as OidcSession;
    }
  }
  return planChunkedWrite(cookies, name, value === null ? null : encodeSessionValue(value), { ...attributes, httpOnly: true });
}

function toSession(json: unknown): OidcSession | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const { at, rt, exp, it, u } = json as Record<string, unknown>;
  if (!isToken(at) || !isToken(rt)) return null;
  if (typeof exp !== 'number' || !Number.isSafeInteger(exp) || exp <= 0) return null;
  if (it !== undefined && !isToken(it)) return null;
  let user: SessionUser | null = null;
  if (u !== undefined) {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return null;
    const { id, email, name } = u as Record<string, unknown>;
    if (typeof id !== 'string' || id === '') return null;
    if ((email !== undefined && typeof email !== 'string') || (name !== undefined && typeof name !== 'string')) return null;
    user = toUser({ id, ...(email === undefined ? {} : { email }), ...(name === undefined ? {} : { name }) });
  }
  return { accessToken: at, refreshToken: rt, expiresAt: exp, user, ...(it === undefined ? {} : { idToken: it }) };
}

/** A `SessionUser` from the few fields the cookie keeps. */
export function toUser(fields: { readonly id: string; readonly email?: string; readonly name?: string }): SessionUser {
  return { id: fields.id, ...(fields.email === undefined ? {} : { email: fields.email }), raw: { ...fields, sub: fields.id } };
}

function compactUser(user: SessionUser): NonNullable<StoredSession['u']> {
  const name = user.raw.name;
  return { id: user.id, ...(user.email === undefined ? {} : { email: user.email }), ...(typeof name === 'string' ? { name } : {}) };
}
