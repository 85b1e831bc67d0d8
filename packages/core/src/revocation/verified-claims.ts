// The claims of a session's access token, only if its signature verifies: what a revocation may be marked from.
import type { Session, SessionClaims } from '../session/session.js';
import type { SessionProvider } from '../session/session-provider.js';

const CLAIMS_CHECK = Object.freeze({ kind: 'cookie', mode: 'claims' } as const);

/**
 * Verifies the token in `claims` mode as of `now`, or as of just before it expired when it has: a
 * sign-out or a refused refresh often comes with an expired token, and its signature still says
 * whose session it was. `null` when it does not verify (a forged cookie must never revoke anyone
 * else's session) or the provider cannot verify it locally.
 *
 * @example
 * const claims = await verifiedClaims(provider, session, now);
 * if (claims?.session_id !== undefined) await revocation.revokeSession(claims.session_id, now);
 */
export async function verifiedClaims(provider: SessionProvider, session: Session, now: number): Promise<SessionClaims | null> {
  const exp = provider.peekToken(session.accessToken)?.exp;
  if (exp === undefined) return null;
  try {
    const check = await provider.check(session, CLAIMS_CHECK, Math.min(now, exp - 1));
    return check.kind === 'valid' ? check.claims : null;
  } catch {
    // A provider bug must not turn a sign-out into a failure; nothing is marked.
    return null;
  }
}
