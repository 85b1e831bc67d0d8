// What checking an access token locally can conclude: one value, never an exception.
import type { SessionClaims, UnavailableCause } from '../session/session.js';

/**
 * Why a token was rejected. Stable strings: callers record them in events.
 * `algorithm` covers `alg: none` and anything outside the allow-list (DESIGN §3.5, C14).
 */
export type ClaimsInvalidReason =
  | 'malformed'
  | 'algorithm'
  | 'signature'
  | 'expired'
  | 'issuer'
  | 'audience'
  | 'claims';

/**
 * Result of {@link ClaimsVerifier.verify}. Only `valid` may authorize anything; `unverifiable`
 * and `unavailable` are not rejections and must never sign anyone out.
 *
 * @example
 * switch (check.kind) {
 *   case 'valid': return authenticated(check.claims);
 *   case 'invalid': return anonymous('invalid_token');
 *   case 'unverifiable': return verifyWithAuthServer(token); // `user` mode
 *   case 'unavailable': return unavailable(check.cause);
 * }
 */
export type ClaimsCheck =
  | {
      readonly kind: 'valid';
      readonly claims: SessionClaims;
      /** True when served from the verified-token cache: no crypto, no network. */
      readonly cached: boolean;
    }
  | { readonly kind: 'invalid'; readonly reason: ClaimsInvalidReason }
  /** No configured key can check this token (e.g. HS256 and no secret configured): the caller falls back to asking the auth server (`user` mode). */
  | { readonly kind: 'unverifiable' }
  /** The key set could not be fetched (network, timeout, 5xx, unparseable): transient, never a sign-out. */
  | { readonly kind: 'unavailable'; readonly cause: UnavailableCause };
