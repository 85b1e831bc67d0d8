// The refresh-token grant's decision: checks and legacy rotation exactly as spec §3.3–3.4 (L1–L9).
import { apiError, type ApiError } from './api-error.js';
import type { RefreshTokenRecord, SessionRecord, UserRecord } from './records.js';
import { insertRefreshToken } from './sessions.js';
import type { MockAuthSettings } from './settings.js';
import type { Store } from './store.js';
import { isBanned } from './users.js';

/** How the returned refresh token came about. */
export type RotationCause = 'rotated' | 'replayed-child' | 'reuse-window';

/** Outcome of one refresh-token grant (before the access token is minted). */
export type RotationOutcome =
  | {
      readonly kind: 'issued';
      readonly user: UserRecord;
      readonly session: SessionRecord;
      readonly token: RefreshTokenRecord;
      readonly cause: RotationCause;
    }
  | { readonly kind: 'rejected'; readonly error: ApiError };

const LEGACY_TOKEN_RE = /^[a-z0-9]{12}$/;

const reject = (code: string, message: string): RotationOutcome => ({
  kind: 'rejected',
  error: apiError(400, code, message),
});

/** Step 1: the format check of `token_refresh.go Validate`; v2 tokens are not issued by this mock. */
export function isWellFormedRefreshToken(token: unknown): token is string {
  return typeof token === 'string' && LEGACY_TOKEN_RE.test(token);
}

/** The session id of a known refresh token (used to pick the per-session lock). */
export function sessionIdOf(store: Store, token: unknown): string | null {
  if (!isWellFormedRefreshToken(token)) return null;
  return store.refreshTokens.get(token)?.sessionId ?? null;
}

/**
 * Runs steps 1–5 and 8–10 of the refresh grant against the store at `nowMs`. The caller holds the
 * session's lock (step 6). Mutates the store; never throws for expected outcomes.
 *
 * @example
 * const outcome = rotateRefreshToken(store, settings, body.refresh_token, now);
 * if (outcome.kind === 'rejected') return fail(outcome.error);
 */
export function rotateRefreshToken(
  store: Store,
  settings: MockAuthSettings,
  presented: unknown,
  nowMs: number,
): RotationOutcome {
  if (!isWellFormedRefreshToken(presented)) return reject('validation_failed', 'Refresh token is not valid');
  const token = store.refreshTokens.get(presented);
  const user = token === undefined ? undefined : store.users.get(token.userId);
  if (token === undefined || user === undefined) {
    return reject('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
  }
  if (isBanned(user, nowMs)) return reject('user_banned', 'Invalid Refresh Token: User Banned');
  const session = store.sessions.get(token.sessionId);
  if (session === undefined) {
    store.deleteRefreshToken(token);
    return reject('session_not_found', 'Invalid Refresh Token: No Valid Session Found');
  }
  const expired = checkValidity(settings, session, token, nowMs);
  if (expired !== null) return expired;

  const issued = (next: RefreshTokenRecord, cause: RotationCause): RotationOutcome => {
    // Step 10: the session records the refresh.
    session.refreshedAt = nowMs;
    session.updatedAt = nowMs;
    return { kind: 'issued', user, session, token: next, cause };
  };

  // A: normal rotation.
  if (!token.revoked) {
    token.revoked = true;
    token.updatedAt = nowMs;
    user.lastSignInAt = nowMs;
    return issued(insertRefreshToken(store, session, token.token, nowMs), 'rotated');
  }
  // B1: the immediate parent of the active token — no time limit.
  const active = store.activeToken(session.id);
  if (active !== undefined && active.parent === token.token) return issued(active, 'replayed-child');
  // B2: older token; allowed only inside the (sliding) reuse window.
  const reuseUntil = token.updatedAt + settings.reuseIntervalSeconds * 1000;
  if (nowMs > reuseUntil) {
    if (settings.refreshTokenRotation) {
      // RevokeTokenFamily: the session row is kept (spec §3.4 L5).
      for (const t of store.tokensOfSession(session.id)) {
        if (t.revoked) continue;
        t.revoked = true;
        t.updatedAt = nowMs;
      }
    }
    return reject('refresh_token_already_used', 'Invalid Refresh Token: Already Used');
  }
  token.updatedAt = nowMs;
  // A fork mints a new refresh token, and GoTrue's token creation marks a sign-in each time.
  user.lastSignInAt = nowMs;
  return issued(insertRefreshToken(store, session, token.token, nowMs), 'reuse-window');
}

function checkValidity(
  settings: MockAuthSettings,
  session: SessionRecord,
  token: RefreshTokenRecord,
  nowMs: number,
): RotationOutcome | null {
  const expired = 'Invalid Refresh Token: Session Expired';
  if (session.notAfter !== null && nowMs > session.notAfter) return reject('session_expired', expired);
  if (settings.sessionTimeboxSeconds !== null && nowMs > session.createdAt + settings.sessionTimeboxSeconds * 1000) {
    return reject('session_expired', expired);
  }
  if (settings.inactivityTimeoutSeconds !== null) {
    const lastRefreshedAt = session.refreshedAt ?? Math.max(token.updatedAt, session.createdAt);
    if (nowMs > lastRefreshedAt + settings.inactivityTimeoutSeconds * 1000) {
      return reject('session_expired', `${expired} (Inactivity)`);
    }
  }
  return null;
}
