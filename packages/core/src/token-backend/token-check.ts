// The verify modes for token-backend sessions: decode (issued / session), local JWT check (claims), or ask the backend (user).
import type { AnonymousReason, Session, SessionClaims, SessionUser } from '../session/session.js';
import type { ProviderEnvironment, TokenCheck, TokenSource } from '../session/session-provider.js';
import { createClaimsVerifier, type ClaimsVerifier } from '../verify/claims-verifier.js';
import { decodeClaimsUnverified } from '../verify/decode-claims.js';
import { toTokenCheck } from '../verify/to-token-check.js';
import { routeToken } from '../verify/token-route.js';
import type { TokenBackendConfig } from './token-backend-config.js';
import { callTokenEndpoint, type TokenCallContext } from './token-call.js';
import { userFromClaims } from './token-mapping.js';

// Never fetched: with only an HS256 secret configured, tokens signed for a key set are refused
// before the verifier sees them (see `claimsCheck`). The verifier needs some URL all the same.
const UNUSED_JWKS_URL = 'https://jwks.invalid/';

/** Why the backend's user endpoint refused a token, when it says so; otherwise `invalid_token`. */
const USER_REJECTIONS: ReadonlySet<string> = new Set<AnonymousReason>(['session_not_found', 'session_expired', 'user_not_found', 'user_banned']);

/**
 * Builds the provider's `check`. Modes (DESIGN §3.5):
 * - `issued`: the backend just gave us the token in answer to our own call: decoding is enough.
 * - `session`: decoded without verification, only where a rule opts in.
 * - `claims`: verified locally with the configured JWKS or secret, `iss`/`aud`/`exp` required; a
 *   token no configured key can check goes to `userUrl` (or is refused when there is none).
 *   Without `jwt`, `claims` is `user`.
 * - `user`: `GET userUrl` with the token — sees revocation. Without `userUrl` it answers
 *   `unavailable/protocol` (a 503, cookies kept): a configuration gap must not sign anyone out.
 * Opaque (non-JWT) access tokens work with `userUrl`: their claims are `{ sub, exp }` from the user and cookie.
 */
export function checkToken(config: TokenBackendConfig, call: TokenCallContext, environment: ProviderEnvironment): (session: Session, source: TokenSource, now: number) => Promise<TokenCheck> {
  const jwt = config.jwt;
  const verifier: ClaimsVerifier | null =
    jwt === null
      ? null
      : createClaimsVerifier({
          jwksUrl: new URL(jwt.jwksUrl ?? UNUSED_JWKS_URL),
          issuer: jwt.issuer,
          audience: jwt.audience,
          ...(jwt.secret === undefined ? {} : { hs256Secret: jwt.secret }),
          fetch: environment.fetch,
          timeoutMs: environment.timeoutMs,
        });
  const secretOnly = jwt !== null && jwt.jwksUrl === undefined;

  async function claimsCheck(session: Session, now: number): Promise<TokenCheck> {
    if (verifier === null) return userCheck(session);
    if (secretOnly && routeToken(session.accessToken, true).kind === 'jwks') return { kind: 'rejected', reason: 'invalid_token' };
    // E.g. an HS256 token with only a key set configured: only the backend can judge it.
    const whenUnverifiable = (): Promise<TokenCheck> => (config.userUrl === null ? Promise.resolve({ kind: 'rejected', reason: 'invalid_token' }) : userCheck(session));
    return toTokenCheck(await verifier.verify(session.accessToken, now), userFromClaims, whenUnverifiable);
  }

  async function userCheck(session: Session): Promise<TokenCheck> {
    if (config.userUrl === null) return { kind: 'unavailable', cause: 'protocol' };
    const answer = await callTokenEndpoint(call, { url: config.userUrl, method: 'GET', bearer: session.accessToken });
    switch (answer.kind) {
      case 'unavailable':
        return { kind: 'unavailable', cause: answer.cause };
      case 'error':
        if (answer.status !== 401 && answer.status !== 403) return { kind: 'unavailable', cause: 'protocol' };
        return { kind: 'rejected', reason: answer.code !== null && USER_REJECTIONS.has(answer.code) ? (answer.code as AnonymousReason) : 'invalid_token' };
      case 'ok': {
        let user: SessionUser | null;
        try {
          user = config.mapUser(answer.body);
        } catch {
          user = null;
        }
        if (user === null) return { kind: 'unavailable', cause: 'protocol' };
        const claims = claimsOf(session, user);
        // The backend vouched for the token; a JWT's claims must still name the user it vouched for.
        if (claims === null) return { kind: 'rejected', reason: 'invalid_token' };
        return { kind: 'valid', claims, user, cached: false };
      }
    }
  }

  return async function check(session: Session, source: TokenSource, now: number): Promise<TokenCheck> {
    if (source.kind === 'issued' || source.mode === 'session') {
      const issued = source.kind === 'issued';
      const decoded = decodeClaimsUnverified(session.accessToken);
      if (decoded !== null) {
        const user = session.user !== null && session.user.id === decoded.sub ? session.user : userFromClaims(decoded);
        return { kind: 'valid', claims: decoded, user, cached: false };
      }
      // An opaque token: its user comes from the grant (stored in the cookie) or from the backend.
      if (session.user !== null) return { kind: 'valid', claims: { sub: session.user.id, exp: session.expiresAt }, user: session.user, cached: false };
      if (issued) return config.userUrl === null ? { kind: 'unavailable', cause: 'protocol' } : userCheck(session);
      return { kind: 'rejected', reason: 'invalid_token' };
    }
    return source.mode === 'claims' ? claimsCheck(session, now) : userCheck(session);
  };
}

/** A JWT's own claims when they name `user`; `{ sub, exp }` for an opaque token; `null` on a mismatch. */
function claimsOf(session: Session, user: SessionUser): SessionClaims | null {
  const decoded = decodeClaimsUnverified(session.accessToken);
  if (decoded !== null) return decoded.sub === user.id ? decoded : null;
  if (session.accessToken.split('.').length === 3) return null; // JWT-shaped but undecodable
  return { sub: user.id, exp: session.expiresAt };
}
