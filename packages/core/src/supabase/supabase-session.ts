// Maps between GoTrue's session JSON (token responses and the ssr cookie) and the core's Session.
import type { Session, SessionUser } from '../session/session.js';

/** The JSON @supabase/ssr stores in the auth cookie (the auth-js session shape). */
export interface SupabaseSessionJson {
  readonly access_token: string;
  readonly token_type: string;
  readonly expires_in: number;
  readonly expires_at: number;
  readonly refresh_token: string;
  readonly user: Readonly<Record<string, unknown>> | null;
}

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
export function toSupabaseJson(session: Session, now: number): SupabaseSessionJson {
  return {
    access_token: session.accessToken,
    token_type: 'bearer',
    expires_in: Math.max(0, session.expiresAt - now),
    expires_at: session.expiresAt,
    refresh_token: session.refreshToken,
    user: session.user?.raw ?? null,
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

function expiryOf(json: Record<string, unknown>, now: number): number | null {
  const { expires_at: at, expires_in: inSeconds } = json;
  if (typeof at === 'number' && Number.isFinite(at) && at > 0) return Math.floor(at);
  if (typeof inSeconds === 'number' && Number.isFinite(inSeconds) && inSeconds > 0) return Math.floor(now + inSeconds);
  return null;
}
