// Signs access tokens with the claims of spec §4.1 and verifies bearer JWTs like `auth.go parseJWTClaims`.
import { decodeProtectedHeader, errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { toUnixSeconds } from './ids.js';
import type { KeyMaterial } from './keys.js';
import type { SessionRecord, UserRecord } from './records.js';

/** The access-token claims, in GoTrue's key order. */
export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  exp: number;
  iat: number;
  email: string;
  phone: string;
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
  role: string;
  aal: string;
  amr: { method: string; timestamp: number }[];
  session_id: string;
  is_anonymous: boolean;
}

/** Builds the claims for `user` in `session` at `nowMs`. */
export function buildAccessTokenClaims(
  issuer: string,
  user: UserRecord,
  session: SessionRecord,
  nowMs: number,
  lifetimeSeconds: number,
): AccessTokenClaims {
  const iat = toUnixSeconds(nowMs);
  return {
    iss: issuer,
    sub: user.id,
    aud: 'authenticated',
    exp: iat + lifetimeSeconds,
    iat,
    email: user.email,
    phone: user.phone,
    app_metadata: user.appMetadata,
    user_metadata: user.userMetadata,
    role: 'authenticated',
    aal: session.aal,
    // Most recent first (spec §4.1); within one second, the later-added entry first (a stable sort of the reversed list).
    amr: [...session.amr].reverse().sort((a, b) => b.timestamp - a.timestamp).map((e) => ({ method: e.method, timestamp: e.timestamp })),
    session_id: session.id,
    is_anonymous: user.isAnonymous,
  };
}

/** Signs `claims` with the configured algorithm; ES256 and RS256 carry the key's `kid` (spec §4.2). */
export function signAccessToken(keys: KeyMaterial, claims: AccessTokenClaims): Promise<string> {
  const jwt = new SignJWT({ ...claims });
  if (keys.algorithm === 'ES256') {
    return jwt.setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: keys.ecKid }).sign(keys.ecPrivateKey);
  }
  if (keys.algorithm === 'RS256' && keys.rsa !== null) {
    return jwt.setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: keys.rsa.kid }).sign(keys.rsa.privateKey);
  }
  return jwt.setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(keys.hmacKey);
}

/** Outcome of verifying a bearer JWT; `reason` never contains the token. */
export type JwtVerification =
  | { readonly kind: 'valid'; readonly claims: JWTPayload }
  | { readonly kind: 'invalid'; readonly reason: string };

/**
 * Verifies a JWT signed by this mock: ES256 and RS256 by `kid`, HS256 with the shared secret (with or
 * without `kid`); expiry enforced at `nowMs` with no leeway.
 */
export async function verifyJwt(keys: KeyMaterial, token: string, nowMs: number): Promise<JwtVerification> {
  let alg: string | undefined;
  let kid: string | undefined;
  try {
    ({ alg, kid } = decodeProtectedHeader(token));
  } catch {
    return { kind: 'invalid', reason: 'token is malformed' };
  }
  const options = { currentDate: new Date(nowMs), clockTolerance: 0 };
  try {
    if (alg === 'ES256' && kid === keys.ecKid) {
      return { kind: 'valid', claims: (await jwtVerify(token, keys.ecPublicKey, { ...options, algorithms: ['ES256'] })).payload };
    }
    if (alg === 'RS256' && keys.rsa !== null && kid === keys.rsa.kid) {
      return { kind: 'valid', claims: (await jwtVerify(token, keys.rsa.publicKey, { ...options, algorithms: ['RS256'] })).payload };
    }
    if (alg === 'HS256') {
      return { kind: 'valid', claims: (await jwtVerify(token, keys.hmacKey, { ...options, algorithms: ['HS256'] })).payload };
    }
    return { kind: 'invalid', reason: `token is unverifiable: signing method ${alg ?? 'none'} is invalid` };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { kind: 'invalid', reason: 'token has invalid claims: token is expired' };
    if (error instanceof errors.JWSSignatureVerificationFailed) return { kind: 'invalid', reason: 'token signature is invalid' };
    if (error instanceof errors.JWTClaimValidationFailed) return { kind: 'invalid', reason: 'token has invalid claims' };
    return { kind: 'invalid', reason: 'token is malformed' };
  }
}
