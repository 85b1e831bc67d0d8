// What the session engine reads from an access token before (or without) verifying it.
import { decodeJwtPayload } from './jwt-payload.js';
import { hasSessionClaimsShape } from './claims-shape.js';

/** Claims read from an access token without verifying it: for timing and comparison, never for trust. */
export interface PeekedToken {
  readonly exp: number;
  readonly iat?: number;
  readonly sub: string;
}

/**
 * Decodes a JWT access token's `exp`, `iat` and `sub` without checking its signature, or `null`
 * when it is not a decodable JWT with those claims.
 *
 * @example
 * peekToken(session.accessToken)?.exp; // → 1767225600
 */
export function peekToken(accessToken: string): PeekedToken | null {
  // What decodeClaimsUnverified accepts, minus its deep freeze: only three claims leave this function.
  const claims = decodeJwtPayload(accessToken);
  if (!hasSessionClaimsShape(claims)) return null;
  return typeof claims.iat === 'number' ? { exp: claims.exp, iat: claims.iat, sub: claims.sub } : { exp: claims.exp, sub: claims.sub };
}
