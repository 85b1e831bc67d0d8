// The mock's RS256 key, its JWKS, and the JWTs it signs (ID tokens, RFC 9068 access tokens).
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/** The key set as `jwks_uri` serves it. */
export interface Jwks {
  readonly keys: readonly JWK[];
}

/** Signs and checks the mock's JWTs. */
export interface Signer {
  readonly jwks: Jwks;
  /** Signs `claims` (which carry their own `iss`, `aud`, `iat`, `exp`); `typ` as RFC 9068 asks for access tokens. */
  sign(claims: JWTPayload, typ: 'JWT' | 'at+jwt'): Promise<string>;
  /**
   * The payload of a JWT this mock signed for `issuer`, or `null`. `now` (Unix seconds) checks
   * `exp`; pass `null` to accept an expired one (an `id_token_hint` may have expired).
   */
  verify(token: string, issuer: string, now: number | null): Promise<JWTPayload | null>;
}

/** Creates a signer with a fresh RS256 key. */
export async function createSigner(): Promise<Signer> {
  const kid = randomUUID();
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwks: Jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };
  const key: CryptoKey = publicKey;
  return {
    jwks,
    sign: (claims, typ) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ, kid }).sign(privateKey),
    async verify(token, issuer, now) {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer,
          algorithms: ['RS256'],
          // An expired hint is still a hint (OIDC RP-Initiated Logout §2): check everything else.
          ...(now === null ? { clockTolerance: Number.MAX_SAFE_INTEGER } : { currentDate: new Date(now * 1000) }),
        });
        return payload;
      } catch {
        // Any failure means "not a token of ours"; the endpoint answers with its own OAuth error.
        return null;
      }
    },
  };
}
