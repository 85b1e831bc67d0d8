// Maps what jose throws onto ClaimsCheck, keeping bad tokens apart from an unreachable key set.
import { errors } from 'jose';
import type { ClaimsCheck } from './claims-check.js';
import { JwksUnavailableError } from './jwks-fetch.js';

/**
 * Wraps any failure of the JWKS key resolver, so the mapping knows the error came from fetching
 * or choosing a key — a fault of the key set, not of the token — rather than from verifying.
 */
export class KeyResolutionError extends Error {
  override readonly name = 'KeyResolutionError';

  constructor(cause: unknown) {
    super('JWKS key resolution failed', { cause });
  }
}

const MALFORMED: ClaimsCheck = { kind: 'invalid', reason: 'malformed' };

/**
 * The ClaimsCheck for an error thrown by `jwtVerify` (or by the key resolver it called). Fails
 * closed: an error nobody anticipated is never `valid`.
 *
 * @example
 * try { await jwtVerify(token, key, options) } catch (error) { return fromVerifyError(error) }
 */
export function fromVerifyError(error: unknown): ClaimsCheck {
  if (error instanceof KeyResolutionError) return fromKeyResolutionError(error.cause);
  if (error instanceof errors.JWTExpired) return { kind: 'invalid', reason: 'expired' };
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return { kind: 'invalid', reason: 'issuer' };
    if (error.claim === 'aud') return { kind: 'invalid', reason: 'audience' };
    return { kind: 'invalid', reason: 'claims' };
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return { kind: 'invalid', reason: 'signature' };
  if (error instanceof errors.JOSEAlgNotAllowed) return { kind: 'invalid', reason: 'algorithm' };
  // JWSInvalid, JWTInvalid, TypeErrors from decoding, and the unforeseen.
  return MALFORMED;
}

function fromKeyResolutionError(error: unknown): ClaimsCheck {
  if (error instanceof JwksUnavailableError) return { kind: 'unavailable', cause: error.unavailableCause };
  if (error instanceof errors.JWKSTimeout) return { kind: 'unavailable', cause: 'timeout' };
  // The key set (refetched past the cooldown) holds no key for this `kid`. During a key rotation
  // the edge may serve the old set for minutes, so let the auth server decide, as auth-js does;
  // a forged kid costs one GET /user, as every request on a `user`-mode route does.
  if (error instanceof errors.JWKSNoMatchingKey) return { kind: 'unverifiable' };
  // No `kid` and several candidate keys: jose 6 picks none. The auth server can still decide.
  if (error instanceof errors.JWKSMultipleMatchingKeys) return { kind: 'unverifiable' };
  if (error instanceof errors.JOSENotSupported) return { kind: 'invalid', reason: 'algorithm' };
  // JWKSInvalid (not a key set, a private key in it), a key that fails to import, jose's generic
  // HTTP errors: the auth server answered with something we cannot use.
  return { kind: 'unavailable', cause: 'protocol' };
}
