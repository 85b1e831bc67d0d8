// The engine's one revocation hook: the provider's valid checks of revoked tokens become rejections.
import type { SessionProvider, TokenCheck, TokenSource } from '../session/session-provider.js';
import type { Revocation } from './revocation.js';

const REVOKED: TokenCheck = Object.freeze({ kind: 'rejected', reason: 'session_revoked' });
const USER_CHECK: TokenSource = Object.freeze({ kind: 'cookie', mode: 'user' });

/**
 * Wraps the provider the engine (middleware, guards, sign-in) uses: a `valid` check whose claims
 * the local view holds revoked is `rejected` with `session_revoked` (so the machine clears the
 * cookies). Tokens just issued by a refresh are checked too: a refreshed token of a revoked session
 * id is still revoked. `session` mode verifies nothing and is left alone. While the store is not
 * current and the policy is `closed`, `claims` checks of cookies go to the auth server (`user`).
 */
export function revokingProvider(provider: SessionProvider, revocation: Revocation): SessionProvider {
  const check = provider.check.bind(provider);
  const revokingCheck = (session: Parameters<SessionProvider['check']>[0], source: TokenSource, now: number): Promise<TokenCheck> => {
    if (source.kind === 'cookie' && source.mode === 'session') return check(session, source, now);
    // Right after start, before the store's first load: wait for it rather than miss earlier revocations.
    if (revocation.isPending()) return revocation.whenSettled().then(() => revokingCheck(session, source, now));
    const degraded = revocation.isDegraded();
    // Nothing revoked and the view current: the provider's own promise, not a step more.
    if (!degraded && revocation.isEmpty()) return check(session, source, now);
    const checked = check(session, degraded && source.kind === 'cookie' && source.mode === 'claims' ? USER_CHECK : source, now);
    return checked.then((result) => (result.kind === 'valid' && revocation.isRevoked(result.claims, now) ? REVOKED : result));
  };
  // Defined, not assigned, as in `checkedProvider`: the provider may be frozen.
  return Object.freeze(Object.create(provider, { check: { value: revokingCheck, enumerable: true } }) as SessionProvider);
}
