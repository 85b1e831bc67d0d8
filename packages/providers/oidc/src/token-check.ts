// The verify modes for OIDC sessions: decode (issued / session), JWKS (claims), or the userinfo endpoint (user).
import type { Session, SessionClaims, SessionUser, TokenCheck, TokenSource } from '@lockstep/core';
import { decodeClaimsUnverified, toTokenCheck, type ClaimsVerifier } from '@lockstep/core/verify';
import { getJson } from './oauth-call.js';
import { isUserinfoRefusal } from './refusals.js';
import type { OidcRuntime } from './runtime.js';
import { toUser } from './session-cookie.js';
import { userFields } from './to-session.js';
import { isJwtShaped } from './token-shape.js';

// How long a userinfo answer vouches for an opaque token in `claims` mode: its expiry is only the cookie's word.
const OPAQUE_TRUST_SECONDS = 300;

/**
 * Builds the provider's `check`. Modes:
 * - `issued`: the token came from the token endpoint in answer to our own call: decoding is enough
 *   (an opaque token takes its user from the verified ID token).
 * - `session`: decoded without verification, only where a rule opts in.
 * - `claims`: JWT access tokens verified locally against the issuer's JWKS (`iss`, `aud`, `exp`);
 *   with `accessTokens: 'userinfo'`, for a token that is not a JWT, or for one no published key can
 *   check (an unknown `kid`), the userinfo endpoint within the instance's budget, its answer remembered.
 * - `user`: the local check (for JWTs), then the userinfo endpoint, whose `sub` must match; sees revocation.
 * The user in `claims` mode comes from the verified claims only, never from the editable cookie.
 */
export function checkToken(runtime: OidcRuntime): (session: Session, source: TokenSource, now: number) => Promise<TokenCheck> {
  const { config } = runtime;

  async function userinfo(session: Session, now: number, expectedSub: string | null): Promise<TokenCheck> {
    const resolved = await runtime.resolve(now);
    if (resolved.kind !== 'ok') return { kind: 'unavailable', cause: resolved.cause, ...(resolved.status === undefined ? {} : { status: resolved.status }) };
    const endpoint = resolved.metadata.userinfoEndpoint;
    // A configuration gap (no userinfo endpoint) must not sign anyone out: 503, cookies kept.
    if (endpoint === null) return { kind: 'unavailable', cause: 'protocol' };
    const answer = await getJson(runtime.environment, endpoint, session.accessToken);
    switch (answer.kind) {
      case 'unavailable':
        return answer;
      case 'error':
        return isUserinfoRefusal(answer) ? { kind: 'rejected', reason: 'invalid_token' } : { kind: 'unavailable', cause: 'unknown_refusal', status: answer.status };
      case 'ok': {
        const user = userinfoUser(answer.body);
        if (user === null) return { kind: 'unavailable', cause: 'protocol' };
        // The provider vouched for the token; it must be the user the token (or the cookie, for opaque ones) names.
        if (expectedSub !== null && user.id !== expectedSub) return { kind: 'rejected', reason: 'invalid_token' };
        const claims: SessionClaims = decodeClaimsUnverified(session.accessToken) ?? { sub: user.id, exp: session.expiresAt };
        return { kind: 'valid', claims, user, cached: false };
      }
    }
  }

  /** An opaque token (or `accessTokens: 'userinfo'`) in `claims` mode: asked within the budget, remembered briefly. */
  function opaqueCheck(session: Session, now: number): Promise<TokenCheck> {
    const decoded = decodeClaimsUnverified(session.accessToken);
    if (decoded !== null && decoded.exp <= now) return Promise.resolve({ kind: 'rejected', reason: 'invalid_token' });
    const trustUntil = Math.min(decoded?.exp ?? session.expiresAt, now + OPAQUE_TRUST_SECONDS);
    return runtime.serverChecks.check(session.accessToken, trustUntil, now, true, () => userinfo(session, now, decoded?.sub ?? session.user?.id ?? null));
  }

  async function claimsCheck(session: Session, now: number): Promise<TokenCheck> {
    if (config.accessTokens === 'userinfo' || !isJwtShaped(session.accessToken)) return opaqueCheck(session, now);
    const resolved = await runtime.resolve(now);
    if (resolved.kind !== 'ok') return { kind: 'unavailable', cause: resolved.cause };
    return toTokenCheck(await resolved.accessTokens.verify(session.accessToken, now), userFromClaims, () => checkUnverifiable(resolved.accessTokens, session, now));
  }

  /**
   * A JWT no published key can check: a `kid` the cached key set does not have yet (a key rotation
   * inside the JWKS refetch cooldown), or HS256. Its claims are checked here and its signature by
   * the userinfo endpoint, within the instance's budget, so a rotation signs nobody out and a
   * forged `kid` cannot drive unbounded calls.
   */
  function checkUnverifiable(verifier: ClaimsVerifier, session: Session, now: number): Promise<TokenCheck> {
    const unsigned = verifier.checkUnsigned(session.accessToken, now);
    if (unsigned.kind !== 'valid') return Promise.resolve({ kind: 'rejected', reason: 'invalid_token' });
    const { sub, exp } = unsigned.claims;
    return runtime.serverChecks.check(session.accessToken, exp, now, true, () => userinfo(session, now, sub));
  }

  async function userCheck(session: Session, now: number): Promise<TokenCheck> {
    if (config.accessTokens === 'userinfo' || !isJwtShaped(session.accessToken)) {
      const decoded = decodeClaimsUnverified(session.accessToken);
      return userinfo(session, now, decoded?.sub ?? session.user?.id ?? null);
    }
    const local = await claimsCheck(session, now);
    return local.kind === 'valid' ? userinfo(session, now, local.claims.sub) : local;
  }

  return async function check(session: Session, source: TokenSource, now: number): Promise<TokenCheck> {
    if (source.kind === 'issued' || source.mode === 'session') {
      const decoded = decodeClaimsUnverified(session.accessToken);
      if (decoded !== null) {
        const user = session.user !== null && session.user.id === decoded.sub ? session.user : userFromClaims(decoded);
        return { kind: 'valid', claims: decoded, user, cached: false };
      }
      // An opaque token: its user comes from the verified ID token (stored in the cookie with it).
      if (session.user !== null) return { kind: 'valid', claims: { sub: session.user.id, exp: session.expiresAt }, user: session.user, cached: false };
      return source.kind === 'issued' ? userinfo(session, now, null) : { kind: 'rejected', reason: 'invalid_token' };
    }
    return source.mode === 'claims' ? claimsCheck(session, now) : userCheck(session, now);
  };
}

function userFromClaims(claims: SessionClaims): SessionUser {
  return toUser(userFields(claims));
}

/** The userinfo answer's user (OIDC Core §5.3.2: `sub` is required). */
function userinfoUser(body: unknown): SessionUser | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const { sub, email, name } = body as Record<string, unknown>;
  if (typeof sub !== 'string' || sub === '') return null;
  return toUser({ id: sub, ...(typeof email === 'string' && email !== '' ? { email } : {}), ...(typeof name === 'string' && name !== '' ? { name } : {}) });
}
