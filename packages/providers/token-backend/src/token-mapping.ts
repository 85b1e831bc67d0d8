// The default request bodies and answer mappings of a token backend (OAuth 2 shapes), and the rejection table.
import type { RefreshRejection } from '@lockstep/core/refresh';
import type { Session, SessionClaims, SessionUser } from '@lockstep/core';
import type { RejectionVerdict, TokenRejection, TokenRequestBody, TokenSet } from './token-backend-options.js';

/** Longest token string accepted from a backend or a cookie; anything longer is junk. */
export const MAX_TOKEN_LENGTH = 16_384;

/** `{ email, password }` as JSON. */
export function defaultLoginBody(credentials: { readonly email: string; readonly password: string }): TokenRequestBody {
  return { json: { email: credentials.email, password: credentials.password } };
}

/** The OAuth 2 refresh grant (RFC 6749 §6) as JSON. */
export function defaultRefreshBody(refreshToken: string): TokenRequestBody {
  return { json: { grant_type: 'refresh_token', refresh_token: refreshToken } };
}

/** OAuth 2 token response fields (RFC 6749 §5.1), plus `expires_at` and a `user` object if present. */
export function defaultMapTokens(body: unknown): TokenSet | null {
  const json = asRecord(body);
  if (json === null) return null;
  const { access_token: accessToken, refresh_token: refreshToken, expires_in: expiresIn, expires_at: expiresAt } = json;
  if (typeof accessToken !== 'string') return null;
  if (refreshToken !== undefined && typeof refreshToken !== 'string') return null;
  const user = json.user === undefined ? null : defaultMapUser(json.user);
  return {
    accessToken,
    ...(typeof refreshToken === 'string' ? { refreshToken } : {}),
    ...(typeof expiresAt === 'number' ? { expiresAt } : {}),
    ...(typeof expiresIn === 'number' ? { expiresIn } : {}),
    user,
  };
}

/** A user object (or `{ user: … }`) with a string `id` or `sub`. */
export function defaultMapUser(body: unknown): SessionUser | null {
  const json = asRecord(body);
  if (json === null) return null;
  const inner = asRecord(json.user);
  const raw = inner ?? json;
  const id = typeof raw.id === 'string' && raw.id !== '' ? raw.id : typeof raw.sub === 'string' && raw.sub !== '' ? raw.sub : null;
  if (id === null) return null;
  return {
    id,
    ...(typeof raw.email === 'string' && raw.email !== '' ? { email: raw.email } : {}),
    ...(typeof raw.role === 'string' && raw.role !== '' ? { role: raw.role } : {}),
    raw,
  };
}


/**
 * The refusal codes the default table knows (its `refusalCodes` unless the options name others):
 * RFC 6749 §5.2's `invalid_grant`, and the finer codes of GoTrue-style backends.
 */
export const DEFAULT_REFUSAL_CODES: readonly RefreshRejection[] = Object.freeze([
  'invalid_grant',
  'refresh_token_not_found',
  'refresh_token_already_used',
  'session_expired',
  'session_not_found',
  'user_banned',
  'user_not_found',
]);

const KNOWN_REFUSALS: ReadonlySet<string> = new Set(DEFAULT_REFUSAL_CODES);

/**
 * The default rejection table: only a 400/401/403 that names a known refusal is terminal — RFC 6749
 * §5.2's `invalid_grant` for a dead refresh token, or one of `DEFAULT_REFUSAL_CODES`. Any
 * other 4xx (a gateway's 401 "Invalid API key", a firewall's 403, a misrouted 404, a 422, …) is not
 * a verdict on the token: transient, the cookies are kept (docs/security.md, "Only a named refusal").
 */
export function defaultClassifyRejection(rejection: TokenRejection): RejectionVerdict {
  if (rejection.status !== 400 && rejection.status !== 401 && rejection.status !== 403) return { kind: 'transient' };
  const { code } = rejection;
  return code !== null && KNOWN_REFUSALS.has(code) ? { kind: 'terminal', reason: code } : { kind: 'transient' };
}

/**
 * Turns a mapped token set into a session, or `null` when it is not one (empty or oversized
 * tokens, no usable expiry). Strict on purpose: a body that merely parses must never pass for a
 * session (next-auth GHSA-8fpg-xm3f-6cx3).
 */
export function toSession(tokens: TokenSet | null, now: number, fallback: { readonly exp: number | null; readonly refreshToken: string | null }): Session | null {
  if (tokens === null || typeof tokens !== 'object') return null;
  const { accessToken } = tokens;
  // A refresh answer without a refresh token keeps the old one (RFC 6749 §6: rotation is optional).
  const refreshToken = tokens.refreshToken === undefined || tokens.refreshToken === '' ? fallback.refreshToken : tokens.refreshToken;
  if (!isToken(accessToken) || !isToken(refreshToken)) return null;
  const expiresAt = expiryOf(tokens, now) ?? fallback.exp;
  if (expiresAt === null) return null;
  return { accessToken, refreshToken, expiresAt, user: tokens.user ?? null };
}

/** The user a verified token describes: its `sub`, plus `email` and `role` when present. */
export function userFromClaims(claims: SessionClaims): SessionUser {
  const raw: Record<string, unknown> = { id: claims.sub };
  if (typeof claims.email === 'string' && claims.email !== '') raw.email = claims.email;
  if (typeof claims.role === 'string' && claims.role !== '') raw.role = claims.role;
  return {
    id: claims.sub,
    ...(typeof raw.email === 'string' ? { email: raw.email } : {}),
    ...(typeof raw.role === 'string' ? { role: raw.role } : {}),
    raw,
  };
}

/** A non-empty token of printable ASCII without spaces (it goes into an `Authorization` header), not oversized. */
export function isToken(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_TOKEN_LENGTH && /^[\x21-\x7e]+$/.test(value);
}

function expiryOf(tokens: TokenSet, now: number): number | null {
  const { expiresAt, expiresIn } = tokens;
  if (typeof expiresAt === 'number' && Number.isFinite(expiresAt) && expiresAt > 0) return Math.floor(expiresAt);
  if (typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0) return Math.floor(now + expiresIn);
  return null;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
