// Reads a token endpoint answer (RFC 6749 §5.1) and verifies its ID token (OIDC Core §3.1.3.7): never a session by accident.
import type { SessionClaims } from '@lockstep/core';
import type { ClaimsVerifier } from '@lockstep/core/verify';
import { isToken } from './token-shape.js';

/** The fields of a successful token answer this provider uses. */
export interface TokenAnswer {
  readonly accessToken: string;
  readonly refreshToken: string | null;
  readonly expiresIn: number | null;
  readonly idToken: string | null;
}

/**
 * The token answer, or `null` when the body is not one: no usable `access_token`, a `token_type`
 * other than Bearer (e.g. DPoP, which this provider does not speak), or wrongly typed fields.
 * Strict on purpose: a body that merely parses must never pass for a session (next-auth GHSA-8fpg-xm3f-6cx3).
 */
export function readTokenAnswer(body: unknown): TokenAnswer | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const { access_token: accessToken, token_type: tokenType, refresh_token: refreshToken, expires_in: expiresIn, id_token: idToken } = body as Record<string, unknown>;
  if (!isToken(accessToken)) return null;
  if (tokenType !== undefined && (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer')) return null;
  if (refreshToken !== undefined && refreshToken !== null && !isToken(refreshToken)) return null;
  if (idToken !== undefined && idToken !== null && !isToken(idToken)) return null;
  // Some providers send expires_in as a string ("3600").
  const seconds = typeof expiresIn === 'string' && /^[0-9]{1,9}$/.test(expiresIn) ? Number(expiresIn) : expiresIn;
  if (seconds !== undefined && seconds !== null && (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0)) return null;
  return {
    accessToken,
    refreshToken: typeof refreshToken === 'string' ? refreshToken : null,
    expiresIn: typeof seconds === 'number' ? Math.floor(seconds) : null,
    idToken: typeof idToken === 'string' ? idToken : null,
  };
}

/** What checking an ID token concludes. */
export type IdTokenCheck =
  | { readonly kind: 'valid'; readonly claims: SessionClaims; readonly signature: 'verified' | 'tls' }
  | { readonly kind: 'invalid'; readonly reason: 'id_token_invalid' | 'nonce_mismatch' | 'subject_mismatch' };

/**
 * Verifies an ID token from the token endpoint: signature against the issuer's JWKS (RS256/ES256),
 * `iss`, `aud` containing the client id, `exp`, `sub`; `azp` equal to the client id when present or
 * when there are several audiences; `nonce` equal to the flow's when one is expected (the code
 * grant); the same `sub` as the access token's when one is given. When no published key can check
 * the signature right now (a `kid` the cached key set does not have yet, or the key set is
 * unreachable) every other check still applies and the TLS connection to the token endpoint vouches
 * for the signer (OIDC Core §3.1.3.7, step 6): the code or refresh token is already spent, and
 * dropping the answer would lose the session.
 */
export async function checkIdToken(verifier: ClaimsVerifier, idToken: string, now: number, clientId: string, expected: { readonly nonce: string | null; readonly sub: string | null }): Promise<IdTokenCheck> {
  const result = await verifier.verify(idToken, now);
  let claims: SessionClaims;
  let signature: 'verified' | 'tls';
  if (result.kind === 'valid') {
    claims = result.claims;
    signature = 'verified';
  } else if (result.kind === 'unverifiable' || result.kind === 'unavailable') {
    const unsigned = verifier.checkUnsigned(idToken, now);
    if (unsigned.kind !== 'valid') return { kind: 'invalid', reason: 'id_token_invalid' };
    claims = unsigned.claims;
    signature = 'tls';
  } else {
    return { kind: 'invalid', reason: 'id_token_invalid' };
  }
  const audiences = typeof claims.aud === 'string' ? [claims.aud] : (claims.aud ?? []);
  if ((claims.azp !== undefined || audiences.length > 1) && claims.azp !== clientId) return { kind: 'invalid', reason: 'id_token_invalid' };
  if (expected.nonce !== null && !sameText(claims.nonce, expected.nonce)) return { kind: 'invalid', reason: 'nonce_mismatch' };
  if (expected.sub !== null && claims.sub !== expected.sub) return { kind: 'invalid', reason: 'subject_mismatch' };
  return { kind: 'valid', claims, signature };
}

// Constant time in the length of the expected value: a nonce is a secret of the flow.
function sameText(actual: unknown, expected: string): boolean {
  if (typeof actual !== 'string' || actual.length !== expected.length) return false;
  let difference = 0;
  for (let index = 0; index < expected.length; index++) difference |= actual.charCodeAt(index) ^ expected.charCodeAt(index);
  return difference === 0;
}
