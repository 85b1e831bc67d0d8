// The `claims` verify mode: checks an access token locally against the JWKS or the legacy secret.
import { createRemoteJWKSet, customFetch, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { LockstepError } from '../errors.js';
import type { SessionClaims } from '../session/session.js';
import { LruCache } from '../util/lru-cache.js';
import type { ClaimsCheck } from './claims-check.js';
import { toSessionClaims } from './claims-shape.js';
import { resolveClaimsVerifierOptions, type ClaimsVerifierOptions } from './claims-verifier-options.js';
import { fromVerifyError, KeyResolutionError } from './jose-error-map.js';
import { MAX_ACCESS_TOKEN_LENGTH } from './token-limits.js';
import { checkClaimsUnsigned } from './unsigned-claims.js';
import { createJwksFetch } from './jwks-fetch.js';
import { JWKS_ALGORITHMS, routeToken, SECRET_ALGORITHMS } from './token-route.js';

export type { ClaimsVerifierOptions } from './claims-verifier-options.js';

export { MAX_ACCESS_TOKEN_LENGTH } from './token-limits.js';

/** Checks access tokens; one instance per auth server, shared across requests. */
export interface ClaimsVerifier {
  /**
   * Never throws for any token string; throws a `LockstepError` only when `now` is not a finite
   * number (a bug in the caller, not a property of the token).
   *
   * @param now Unix seconds, read once per request by the caller.
   */
  verify(token: string, now: number): Promise<ClaimsCheck>;
  /**
   * Every check but the signature (`iss`, `aud`, `exp`, `sub`, claim types), for tokens no local key
   * can verify: the auth server then judges the signature, but never the claims it does not check.
   * Never `cached`; never throws.
   */
  checkUnsigned(token: string, now: number): ClaimsCheck;
}

/**
 * Creates the verifier for the `claims` mode (DESIGN §3.5). ES256/RS256 tokens are checked
 * against the JWKS, fetched once and cached with in-flight dedupe and a refetch on an unknown
 * `kid` (jose's `createRemoteJWKSet`); HS256 tokens against `hs256Secret` when set. `iss`, `aud`,
 * `exp` and `sub` are required — unlike `getClaims()` (supabase-ssr-notes §3.3). Verified tokens
 * are cached by SHA-256 until their `exp`, so a repeat costs one hash and no crypto or network.
 *
 * @example
 * const verifier = createClaimsVerifier({
 *   jwksUrl: new URL(`${supabaseUrl}/auth/v1/.well-known/jwks.json`),
 *   issuer: `${supabaseUrl}/auth/v1`,
 *   audience: 'authenticated',
 *   fetch,
 *   timeoutMs: 5000,
 * });
 * const check = await verifier.verify(accessToken, Math.floor(Date.now() / 1000));
 * if (check.kind === 'valid') console.log(check.claims.sub);
 */
export function createClaimsVerifier(options: ClaimsVerifierOptions): ClaimsVerifier {
  const config = resolveClaimsVerifierOptions(options);
  const remoteKeys = createRemoteJWKSet(config.jwksUrl, {
    [customFetch]: createJwksFetch(config.fetch),
    timeoutDuration: config.timeoutMs,
    cacheMaxAge: config.jwksCacheMaxAgeMs,
    cooldownDuration: config.jwksCooldownMs,
  });
  // Tags every resolver failure so the mapping can tell a broken key set from a broken token.
  const jwksKey: JWTVerifyGetKey = async (header, token) => {
    try {
      return await remoteKeys(header, token);
    } catch (error) {
      throw new KeyResolutionError(error);
    }
  };
  const verified = new LruCache<string, SessionClaims>(config.cacheMaxEntries);

  async function verifyUncached(token: string, now: number): Promise<ClaimsCheck> {
    const route = routeToken(token, config.hs256Key !== undefined);
    if (route.kind === 'settled') return route.check;
    const verifyOptions = {
      issuer: config.issuer,
      audience: [...config.audience],
      requiredClaims: ['exp', 'sub'],
      currentDate: new Date(now * 1000),
    };
    // Each route gets only its own algorithms: an RS256 public key can never act as an HMAC secret.
    const { hs256Key } = config;
    const { payload } =
      route.kind === 'secret' && hs256Key !== undefined
        ? await jwtVerify(token, hs256Key, { ...verifyOptions, algorithms: [...SECRET_ALGORITHMS] })
        : await jwtVerify(token, jwksKey, { ...verifyOptions, algorithms: [...JWKS_ALGORITHMS] });
    const claims = toSessionClaims(payload);
    return claims === null ? { kind: 'invalid', reason: 'claims' } : { kind: 'valid', claims, cached: false };
  }

  async function verifyMiss(token: string, key: string, now: number): Promise<ClaimsCheck> {
    try {
      const check = await verifyUncached(token, now);
      // Only successes are cached: a failure may be transient, and a rejection costs little to redo.
      if (check.kind === 'valid') verified.set(key, check.claims, check.claims.exp);
      return check;
    } catch (error) {
      return fromVerifyError(error);
    }
  }

  return Object.freeze({
    verify(token: string, now: number): Promise<ClaimsCheck> {
      if (typeof now !== 'number' || !Number.isFinite(now)) {
        return Promise.reject(new LockstepError('ERR_INTERNAL', 'claims verifier: "now" must be finite Unix seconds'));
      }
      if (typeof token !== 'string' || token === '' || token.length > MAX_ACCESS_TOKEN_LENGTH) {
        return Promise.resolve({ kind: 'invalid', reason: 'malformed' });
      }
      // A synchronous hash: a hit costs the hash and one map lookup, no thread-pool round trip.
      // The cache holds the expiry of the verified `exp`, so every hit is checked against `now`.
      const key = config.hashToken(token);
      const hit = verified.get(key, now);
      if (hit !== undefined) return Promise.resolve({ kind: 'valid', claims: hit, cached: true });
      return verifyMiss(token, key, now);
    },
    checkUnsigned: (token: string, now: number) => checkClaimsUnsigned(token, now, config),
  });
}
