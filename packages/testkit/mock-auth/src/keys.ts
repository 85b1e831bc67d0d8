// Key material: the HS256 secret, the asymmetric signing key (ES256 or RS256) and its JWKS, and the
// API keys (legacy anon/service-role JWTs, and optionally the new sb_publishable_/sb_secret_ keys).
import { createHmac } from 'node:crypto';
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

/** An asymmetric key pair with its `kid`. */
export interface AsymmetricKey {
  readonly alg: 'ES256' | 'RS256';
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
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
  /** The RS256 key pair, generated only when RS256 signs. */
  readonly rsa: AsymmetricKey | null;
  /** Published keys: the asymmetric signing key, or none with HS256 (HS256 keys are never listed). */
  readonly jwks: Jwks;
  readonly anonKey: string;
  readonly serviceRoleKey: string;
  /** The fake OAuth provider's own key: it signs the ID tokens of `controls.issueIdToken`. */
  readonly providerKey: AsymmetricKey;
  /** `sb_publishable_…` / `sb_secret_…` when the new API keys are on, else `null`. */
  readonly publishableKey: string | null;
  readonly secretKey: string | null;
}

/** Ten years, like the long-lived keys of local projects. */
const API_KEY_LIFETIME_SECONDS = 10 * 365 * 24 * 3600;

async function publicJwk(key: AsymmetricKey): Promise<PublicJwk> {
  // Never emit `ext: false`; WebCrypto imports with extractable=true (spec §2.9).
  const { ext: _ext, ...rest } = await exportJWK(key.publicKey);
  return { ...rest, kid: key.kid, alg: key.alg, use: 'sig', key_ops: ['verify'] };
}

/** A new-format API key derived from the secret, so a fixed `jwtSecret` gives fixed keys. */
function newFormatKey(prefix: 'sb_publishable_' | 'sb_secret_', secret: string): string {
  return `${prefix}${createHmac('sha256', secret).update(prefix).digest('base64url').slice(0, 32)}`;
}

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
  options: { readonly newApiKeys?: boolean } = {},
): Promise<KeyMaterial> {
  const secret = jwtSecret ?? newSecret(32);
  const hmacKey = new TextEncoder().encode(secret);
  const ec = await generateKeyPair('ES256', { extractable: true });
  const ecKey: AsymmetricKey = { alg: 'ES256', kid: newUuid(), ...ec };
  const rsa: AsymmetricKey | null =
    algorithm === 'RS256' ? { alg: 'RS256', kid: newUuid(), ...(await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 })) } : null;
  const signing = algorithm === 'ES256' ? ecKey : rsa;
  const providerKey: AsymmetricKey = { alg: 'ES256', kid: newUuid(), ...(await generateKeyPair('ES256')) };
  const iat = toUnixSeconds(nowMs);
  const apiKey = (role: string): Promise<string> =>
    new SignJWT({ iss: 'supabase-demo', role, iat, exp: iat + API_KEY_LIFETIME_SECONDS })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(hmacKey);
  return Object.freeze({
    algorithm,
    jwtSecret: secret,
    hmacKey,
    ecKid: ecKey.kid,
    ecPrivateKey: ecKey.privateKey,
    ecPublicKey: ecKey.publicKey,
    rsa,
    jwks: Object.freeze({ keys: signing === null ? [] : [await publicJwk(signing)] }),
    anonKey: await apiKey('anon'),
    serviceRoleKey: await apiKey('service_role'),
    providerKey,
    publishableKey: options.newApiKeys === true ? newFormatKey('sb_publishable_', secret) : null,
    secretKey: options.newApiKeys === true ? newFormatKey('sb_secret_', secret) : null,
  });
}
