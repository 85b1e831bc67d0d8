// Turns a verified token answer into the session the cookie stores.
import type { SessionClaims } from '@lockstep/core';
import { decodeClaimsUnverified } from '@lockstep/core/verify';
import { toUser, type OidcSession } from './session-cookie.js';
import type { TokenAnswer } from './token-answer.js';

/**
 * The session, or `null` when the answer cannot make one: no refresh token (on a refresh, the old
 * one stays: RFC 6749 §6 makes rotation optional), no expiry (`expires_in` or the access token's
 * `exp`), or a JWT access token for another subject than the ID token's.
 */
export function toSession(answer: TokenAnswer, idClaims: SessionClaims | null, now: number, previousRefreshToken: string | null): OidcSession | null {
  const refreshToken = answer.refreshToken ?? previousRefreshToken;
  if (refreshToken === null) return null;
  const accessClaims = decodeClaimsUnverified(answer.accessToken);
  if (idClaims !== null && accessClaims !== null && accessClaims.sub !== idClaims.sub) return null;
  const expiresAt = answer.expiresIn !== null ? now + answer.expiresIn : (accessClaims?.exp ?? null);
  if (expiresAt === null || !Number.isSafeInteger(expiresAt) || expiresAt <= 0) return null;
  const userClaims = idClaims ?? accessClaims;
  return {
    accessToken: answer.accessToken,
    refreshToken,
    expiresAt,
    user: userClaims === null ? null : toUser(userFields(userClaims)),
    ...(answer.idToken === null ? {} : { idToken: answer.idToken }),
  };
}

/** `sub`, and `email` and `name` when they are strings: all the cookie keeps of a user. */
export function userFields(claims: SessionClaims): { id: string; email?: string; name?: string } {
  const { email, name } = claims;
  return { id: claims.sub, ...(typeof email === 'string' && email !== '' ? { email } : {}), ...(typeof name === 'string' && name !== '' ? { name } : {}) };
}
