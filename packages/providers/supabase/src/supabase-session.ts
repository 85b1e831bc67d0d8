// Maps between GoTrue's session JSON (token responses and the ssr cookie) and the core's Session.
import type { Session, SessionClaims, SessionUser } from '@lockstep/core';
import type { SupabaseStoredSession } from './stored-session.js';

/**
 * Reads a session from GoTrue JSON, or `null` when it is not one. Strict on purpose: a body that
 * merely parses (an error object, a half-written cookie) must never pass for a session
 * (next-auth GHSA-8fpg-xm3f-6cx3). `now` fills in `expires_at` from `expires_in` as auth-js does.
 *
 * @example
 * const session = fromSupabaseJson(await response.json(), now);
 */
export function fromSupabaseJson(value: unknown, now: number): Session | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const json = value as Record<string, unknown>;
  const { access_token: accessToken, refresh_token: refreshToken } = json;
  if (typeof accessToken !== 'string' || accessToken === '') return null;
  if (typeof refreshToken !== 'string' || refreshToken === '') return null;
  const expiresAt = expiryOf(json, now);
  if (expiresAt === null) return null;
  return { accessToken, refreshToken, expiresAt, user: toUser(json.user) };
}

/**
 * The cookie JSON for a session, in the field order auth-js writes. `expires_in` is relative to
 * `now`; readers recompute it from `expires_at`.
 */
export function toSupabaseJson(session: Session, now: number): SupabaseStoredSession {
  return {
    access_token: session.accessToken,
    token_type: 'bearer',
    expires_in: Math.max(0, session.expiresAt - now),
    expires_at: session.expiresAt,
    refresh_token: session.refreshToken,
    user: session.user === null ? null : { ...session.user.raw },
  };
}

/** A GoTrue user object, or `null` when it has no string `id`. */
export function toUser(value: unknown): SessionUser | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const raw = value as Record<string, unknown>;
  if (typeof raw.id !== 'string' || raw.id === '') return null;
  return {
    id: raw.id,
    ...(typeof raw.email === 'string' && raw.email !== '' ? { email: raw.email } : {}),
    ...(typeof raw.role === 'string' ? { role: raw.role } : {}),
    raw,
  };
}

/**
 * Whether `fromSupabaseJson` reads this JSON's expiry from the clock (`expires_in` without a positive
 * `expires_at`): then the same JSON gives another session a second later, and is not cached.
 */
export function expiryFollowsClock(json: Record<string, unknown>): boolean {
  const { expires_at: at } = json;
  return !(typeof at === 'number' && Number.isFinite(at) && at > 0);
}

function expiryOf(json: Record<string, unknown>, now: number): number | null {
  const { expires_at: at, expires_in: inSeconds } = json;
  if (typeof at === 'number' && Number.isFinite(at) && at > 0) return Math.floor(at);
  if (typeof inSeconds === 'number' && Number.isFinite(inSeconds) && inSeconds > 0) return Math.floor(now + inSeconds);
  return null;
}

/**
 * The user as a verified access token describes it (GoTrue puts email, phone, role and both
 * metadata objects in every token, gotrue-contract §4.1). Used in `claims` mode instead of the
 * cookie's user object, which the browser can edit.
 */
export function userFromClaims(claims: SessionClaims): SessionUser {
  const raw: Record<string, unknown> = { id: claims.sub };
  for (const key of ['aud', 'role', 'email', 'phone', 'app_metadata', 'user_metadata', 'is_anonymous'] as const) {
    if (claims[key] !== undefined) raw[key] = claims[key];
  }
  return {
    id: claims.sub,
    ...(typeof claims.email === 'string' && claims.email !== '' ? { email: claims.email } : {}),
    ...(typeof claims.role === 'string' ? { role: claims.role } : {}),
    raw,
  };
}
