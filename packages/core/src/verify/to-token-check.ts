// Maps a local claims check onto the provider port's TokenCheck; every provider's `claims` mode goes through it.
import type { SessionClaims, SessionUser } from '../session/session.js';
import type { TokenCheck } from '../session/session-provider.js';
import type { ClaimsCheck } from './claims-check.js';

/**
 * A verified token is valid with the user its claims describe; an invalid one is rejected (the
 * cookies get cleared); a key set that cannot be fetched is `unavailable` (kept); a token no local
 * key can check goes to `whenUnverifiable` (usually: ask the auth server).
 *
 * @example
 * return toTokenCheck(await verifier.verify(token, now), userFromClaims, () => checkWithServer(session));
 */
export async function toTokenCheck(result: ClaimsCheck, toUser: (claims: SessionClaims) => SessionUser, whenUnverifiable: () => Promise<TokenCheck>): Promise<TokenCheck> {
  switch (result.kind) {
    case 'valid':
      return { kind: 'valid', claims: result.claims, user: toUser(result.claims), cached: result.cached };
    case 'invalid':
      return { kind: 'rejected', reason: 'invalid_token' };
    case 'unavailable':
      return { kind: 'unavailable', cause: result.cause };
    case 'unverifiable':
      return whenUnverifiable();
  }
}
