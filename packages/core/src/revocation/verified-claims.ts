// The claims of a session's access token, only if its signature verifies: what a revocation may be marked from.
import type { Session, SessionClaims } from '../session/session.js';
import type { SessionProvider } from '../session/session-provider.js';

const CLAIMS_CHECK = Object.freeze({ kind: 'cookie', mode: 'claims' } as const);

/**
 * Verifies the token in `claims` mode as of `now`; with `expired: 'as-of-expiry'`, an expired one as
 * of just before it expired (a refused refresh comes with a due token, and its signature still says
 * whose session it was). `null` when it does not verify (a forged cookie must never revoke anyone
 * else's session) or the provider cannot verify it.
 *
 * @example
 * const claims = await verifiedClaims(provider, session, now);
 * if (claims?.session_id !== undefined) await revocation.revokeSession(claims.session_id, now);
 */
export async function verifiedClaims(provider: SessionProvider, session: Session, now: number, expired: 'refuse' | 'as-of-expiry' = 'refuse'): Promise<SessionClaims | null> {
  const exp = provider.peekToken(session.accessToken)?.exp;
  if (exp === undefined) return null;
  try {
    const check = await provider.check(session, CLAIMS_CHECK, expired === 'as-of-expiry' ? Math.min(now, exp - 1) : now);
    return check.kind === 'valid' ? check.claims : null;
  } catch {
    // A provider bug must not turn a sign-out into a failure; nothing is marked.
    return null;
  }
}
