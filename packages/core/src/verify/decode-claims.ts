// Reads a JWT's claims without checking its signature: for `session` mode and cheap pre-checks only.
import { decodeJwtPayload } from './jwt-payload.js';
import type { SessionClaims } from '../session/session.js';
import { toSessionClaims } from './claims-shape.js';

/**
 * `session` mode and pre-checks: decode WITHOUT verifying; shape-checked; null on anything
 * malformed. Never throws. Anyone can forge what this returns: never authorize on it
 * (DESIGN §3.5, §1 item 6 — the `getSession()` trap).
 *
 * @example
 * const claims = decodeClaimsUnverified(accessToken);
 * const expiresAt = claims?.exp; // a hint for scheduling a refresh, nothing more
 */
export function decodeClaimsUnverified(token: string): SessionClaims | null {
  // null for a bad shape, base64url or JSON, exactly where jose's decodeJwt throws: "not a JWT".
  return toSessionClaims(decodeJwtPayload(token));
}
