// The verify modes for token-backend sessions: decode (issued / session), local JWT check (claims), or ask the backend (user).
import type { AnonymousReason, Session, SessionClaims, SessionUser } from '@lockstep/core';
import type { ProviderEnvironment, TokenCheck, TokenSource } from '@lockstep/core';
import { createClaimsVerifier, type ClaimsVerifier } from '@lockstep/core/verify';
import { decodeClaimsUnverified } from '@lockstep/core/verify';
import { createServerCheckGate } from '@lockstep/core/verify';
import { toTokenCheck } from '@lockstep/core/verify';
import { routeToken } from '@lockstep/core/verify';
import type { TokenBackendConfig } from './token-backend-config.js';
import { callTokenEndpoint, type TokenCallContext } from './token-call.js';
import { userFromClaims } from './token-mapping.js';

// Never fetched: with only an HS256 secret configured, tokens signed for a key set are refused
// before the verifier sees them (see `claimsCheck`). The verifier needs some URL all the same.
const UNUSED_JWKS_URL = 'https://jwks.invalid/';

/**
 * The user endpoint's final refusals: a 401/403 naming one of these codes (in the body, or as the
 * RFC 6750 `WWW-Authenticate: Bearer error="invalid_token"`). Any other 4xx is not a verdict.
 */
const USER_REJECTIONS: ReadonlySet<string> = new Set<AnonymousReason>(['invalid_token', 'session_not_found', 'session_expired', 'user_not_found', 'user_banned']);

/**
 * Builds the provider's `check`. Modes (DESIGN §3.5):
 * - `issued`: the backend just gave us the token in answer to our own call: decoding is enough.
 * - `session`: decoded without verification, only where a rule opts in.
 * - `claims`: verified locally with the configured JWKS or secret, `iss`/`aud`/`exp` required; a
 *   token no configured key can check goes to `userUrl` (or is refused when there is none).
 *   Without `jwt`, `claims` is `user`.
 * - `user`: with `jwt`, first the claims exactly as in `claims` mode; then `GET userUrl` with the
 *   token — sees revocation. Both must pass. Without `userUrl` it answers
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
          // The instance's token hash (native where the runtime has one) keys the verified-token cache.
          ...(environment.hashToken === undefined ? {} : { hashToken: environment.hashToken }),
        });
  const secretOnly = jwt !== null && jwt.jwksUrl === undefined;

  const serverChecks = createServerCheckGate();

  async function claimsCheck(session: Session, now: number): Promise<TokenCheck> {
    if (verifier === null) return userCheck(session);
    if (secretOnly && routeToken(session.accessToken, true).kind === 'jwks') return { kind: 'rejected', reason: 'invalid_token' };
    // E.g. an HS256 token with only a key set configured: only the backend can judge it.
    return toTokenCheck(await verifier.verify(session.accessToken, now), userFromClaims, () => checkUnverifiable(verifier, session, now, true));
  }

  /** `user` mode with a JWT configuration: the claims as in `claims` mode, then the backend; both must pass. */
  async function verifiedUserCheck(session: Session, now: number): Promise<TokenCheck> {
    if (verifier === null) return userCheck(session);
    const local = await verifier.verify(session.accessToken, now);
    switch (local.kind) {
      case 'valid':
        return userCheck(session);
      case 'invalid':
        return { kind: 'rejected', reason: 'invalid_token' };
      case 'unverifiable':
        return checkUnverifiable(verifier, session, now, false);
      case 'unavailable':
        return verifier.checkUnsigned(session.accessToken, now).kind === 'valid' ? userCheck(session) : { kind: 'rejected', reason: 'invalid_token' };
    }
  }

  /** A token no configured key can check: its claims here, its signature by the backend, within the budget. */
  async function checkUnverifiable(claimsVerifier: ClaimsVerifier, session: Session, now: number, remember: boolean): Promise<TokenCheck> {
    if (config.userUrl === null) return { kind: 'rejected', reason: 'invalid_token' };
    const unsigned = claimsVerifier.checkUnsigned(session.accessToken, now);
    if (unsigned.kind !== 'valid') return { kind: 'rejected', reason: 'invalid_token' };
    return serverChecks.check(session.accessToken, unsigned.claims.exp, now, remember, () => userCheck(session));
  }

  async function userCheck(session: Session): Promise<TokenCheck> {
    if (config.userUrl === null) return { kind: 'unavailable', cause: 'protocol' };
    const answer = await callTokenEndpoint(call, { url: config.userUrl, method: 'GET', bearer: session.accessToken });
    switch (answer.kind) {
      case 'unavailable':
        return answer;
      case 'error':
        if ((answer.status !== 401 && answer.status !== 403) || answer.code === null || !USER_REJECTIONS.has(answer.code)) {
          return { kind: 'unavailable', cause: 'unknown_refusal', status: answer.status };
        }
        return { kind: 'rejected', reason: answer.code as AnonymousReason };
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
    return source.mode === 'claims' ? claimsCheck(session, now) : verifiedUserCheck(session, now);
  };
}

/** A JWT's own claims when they name `user`; `{ sub, exp }` for an opaque token; `null` on a mismatch. */
function claimsOf(session: Session, user: SessionUser): SessionClaims | null {
  const decoded = decodeClaimsUnverified(session.accessToken);
  if (decoded !== null) return decoded.sub === user.id ? decoded : null;
  if (session.accessToken.split('.').length === 3) return null; // JWT-shaped but undecodable
  return { sub: user.id, exp: session.expiresAt };
}
