// Key material: the HS256 secret, the ES256 signing key and its JWKS, and the anon/service-role API keys.
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { newSecret, newUuid, toUnixSeconds } from './ids.js';
import type { JwtAlgorithm } from './options.js';

/** A public JWK as served by `/.well-known/jwks.json` (spec §2.9). */
export interface PublicJwk extends JWK {
  readonly kid: string;
  readonly alg: string;
  readonly use: 'sig';
  readonly key_ops: ['verify'];
}

/** The JWKS document. */
export interface Jwks {
  readonly keys: readonly PublicJwk[];
}

/** Everything the mock signs and verifies with. */
export interface KeyMaterial {
  readonly algorithm: JwtAlgorithm;
  readonly jwtSecret: string;
  readonly hmacKey: Uint8Array;
  /** The ES256 key pair, present whatever the algorithm, so ES256 tokens can always be verified. */
  readonly ecKid: string;
  readonly ecPrivateKey: CryptoKey;
  readonly ecPublicKey: CryptoKey;
  /** Published keys: the ES256 key when it signs, otherwise none (HS256 keys are never listed). */
  readonly jwks: Jwks;
  readonly anonKey: string;
  readonly serviceRoleKey: string;
}

/** Ten years, like the long-lived keys of local projects. */
const API_KEY_LIFETIME_SECONDS = 10 * 365 * 24 * 3600;

/**
 * Generates the key material for one mock instance.
 *
 * @example
 * const keys = await createKeyMaterial('ES256', null, Date.now());
 */
export async function createKeyMaterial(
  algorithm: JwtAlgorithm,
  jwtSecret: string | null,
  nowMs: number,
): Promise<KeyMaterial> {
  const secret = jwtSecret ?? newSecret(32);
  const hmacKey = new TextEncoder().encode(secret);
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const ecKid = newUuid();
  const publicJwk = await exportJWK(publicKey);
  // Never emit `ext: false`; WebCrypto imports with extractable=true (spec §2.9).
  const { ext: _ext, ...rest } = publicJwk;
  const jwk: PublicJwk = { ...rest, kid: ecKid, alg: 'ES256', use: 'sig', key_ops: ['verify'] };
  const iat = toUnixSeconds(nowMs);
  const apiKey = (role: string): Promise<string> =>
    new SignJWT({ iss: 'supabase-demo', role, iat, exp: iat + API_KEY_LIFETIME_SECONDS })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(hmacKey);
  return Object.freeze({
    algorithm,
    jwtSecret: secret,
    hmacKey,
    ecKid,
    ecPrivateKey: privateKey,
    ecPublicKey: publicKey,
    jwks: Object.freeze({ keys: algorithm === 'ES256' ? [jwk] : [] }),
    anonKey: await apiKey('anon'),
    serviceRoleKey: await apiKey('service_role'),
  });
}
