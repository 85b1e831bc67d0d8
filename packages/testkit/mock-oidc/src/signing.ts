// The mock's RS256 keys, its JWKS, and the JWTs it signs (ID tokens, RFC 9068 access tokens).
import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/** The key set as `jwks_uri` serves it. */
export interface Jwks {
  readonly keys: readonly JWK[];
}

/** Signs and checks the mock's JWTs. */
export interface Signer {
  /** The published keys: the current one first, then the retired ones still trusted. */
  jwks(): Jwks;
  /** Signs `claims` (which carry their own `iss`, `aud`, `iat`, `exp`); `typ` as RFC 9068 asks for access tokens. */
  sign(claims: JWTPayload, typ: 'JWT' | 'at+jwt'): Promise<string>;
  /**
   * The payload of a JWT this mock signed for `issuer`, or `null`. `now` (Unix seconds) checks
   * `exp`; pass `null` to accept an expired one (an `id_token_hint` may have expired).
   */
  verify(token: string, issuer: string, now: number | null): Promise<JWTPayload | null>;
  /** Signs with a new key from now on; the old key stays published (and trusted) unless `retire`. */
  rotate(options?: { readonly retire?: boolean }): Promise<void>;
}

interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

async function newKey(): Promise<SigningKey> {
  const kid = randomUUID();
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/** Creates a signer with a fresh RS256 key. */
export async function createSigner(): Promise<Signer> {
  let keys: SigningKey[] = [await newKey()];
  const jwks = (): Jwks => ({ keys: keys.map((key) => key.publicJwk) });
  return {
    jwks,
    sign(claims, typ) {
      const [current] = keys;
      if (current === undefined) throw new Error('no signing key');
      return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ, kid: current.kid }).sign(current.privateKey);
    },
    async verify(token, issuer, now) {
      try {
        const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: jwks().keys.map((key) => ({ ...key })) }), {
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
    async rotate(options = {}) {
      const next = await newKey();
      keys = options.retire === true ? [next] : [next, ...keys];
    },
  };
}
