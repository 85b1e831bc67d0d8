// The fake's access tokens: JWTs signed with an ES256 key (published as a JWKS) or an HS256 secret.
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';

/** Claims of a verified access token, as the fake's own endpoints use them. */
export interface AccessClaims {
  readonly sub: string;
  readonly sid: string;
  readonly jti: string;
  readonly email: string;
}

/** Signs and checks access tokens. */
export interface Signer {
  readonly algorithm: 'ES256' | 'HS256';
  readonly jwks: { readonly keys: readonly JWK[] };
  sign(claims: { readonly [claim: string]: unknown; sub: string; sid: string; email: string }, now: number, ttlSeconds: number): Promise<{ token: string; jti: string }>;
  /** `null` for anything but a valid, unexpired token of this fake. */
  verify(token: string, now: number): Promise<AccessClaims | null>;
}

/** Creates the signer; `secret` is used only for HS256. */
export async function createSigner(options: { algorithm: 'ES256' | 'HS256'; secret: string; issuer: string; audience: string }): Promise<Signer> {
  const { algorithm, issuer, audience } = options;
  let signKey: CryptoKey | Uint8Array;
  let verifyKey: CryptoKey | Uint8Array;
  let keys: JWK[] = [];
  const kid = randomUUID();
  if (algorithm === 'ES256') {
    const pair = await generateKeyPair('ES256', { extractable: true });
    signKey = pair.privateKey;
    verifyKey = pair.publicKey;
    keys = [{ ...(await exportJWK(pair.publicKey)), alg: 'ES256', kid, use: 'sig' }];
  } else {
    signKey = verifyKey = new TextEncoder().encode(options.secret);
  }
  return {
    algorithm,
    jwks: { keys },
    async sign(claims, now, ttlSeconds) {
      const jti = randomUUID();
      const { sub: _sub, ...rest } = claims;
      const token = await new SignJWT({ ...rest, role: 'authenticated' })
        .setProtectedHeader({ alg: algorithm, typ: 'JWT', ...(algorithm === 'ES256' ? { kid } : {}) })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(claims.sub)
        .setJti(jti)
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds)
        .sign(signKey);
      return { token, jti };
    },
    async verify(token, now) {
      try {
        const { payload } = await jwtVerify(token, verifyKey, { issuer, audience, algorithms: [algorithm], currentDate: new Date(now * 1000) });
        const { sub, sid, jti, email } = payload as Record<string, unknown>;
        if (typeof sub !== 'string' || typeof sid !== 'string' || typeof jti !== 'string' || typeof email !== 'string') return null;
        return { sub, sid, jti, email };
      } catch {
        // Any verification failure is a 401 at the fake's endpoints; the reason does not matter here.
        return null;
      }
    },
  };
}
