// The claim checks of the `claims` mode without the signature, for tokens only the auth server can verify.
import type { ClaimsCheck } from './claims-check.js';
import type { ResolvedClaimsVerifierOptions } from './claims-verifier-options.js';
import { decodeClaimsUnverified } from './decode-claims.js';
import { MAX_ACCESS_TOKEN_LENGTH } from './token-limits.js';

/**
 * Checks `iss`, `aud`, `exp` and `sub` exactly as `jwtVerify` does in `claims` mode, without the
 * signature: GoTrue's `GET /user` verifies the signature but ignores `iss` and most of `aud`, so a
 * token signed by the project for another issuer or audience would pass it (issue: user mode).
 *
 * @example
 * const check = checkClaimsUnsigned(token, now, config); // then ask the auth server about the signature
 */
export function checkClaimsUnsigned(token: string, now: number, config: Pick<ResolvedClaimsVerifierOptions, 'issuer' | 'audience'>): ClaimsCheck {
  if (typeof token !== 'string' || token.length > MAX_ACCESS_TOKEN_LENGTH || token.split('.', 4).length !== 3) return { kind: 'invalid', reason: 'malformed' };
  const claims = decodeClaimsUnverified(token);
  if (claims === null) return { kind: 'invalid', reason: 'claims' };
  if (claims.iss !== config.issuer) return { kind: 'invalid', reason: 'issuer' };
  const audiences = claims.aud === undefined ? [] : typeof claims.aud === 'string' ? [claims.aud] : claims.aud;
  if (!audiences.some((audience) => config.audience.includes(audience))) return { kind: 'invalid', reason: 'audience' };
  // As jose without clock tolerance: a token is expired from its `exp` second on.
  if (claims.exp <= now) return { kind: 'invalid', reason: 'expired' };
  return { kind: 'valid', claims, cached: false };
}
