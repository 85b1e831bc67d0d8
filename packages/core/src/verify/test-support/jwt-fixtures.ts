// Test helpers for the verifier: keys, tokens minted with jose, and a fake JWKS endpoint.
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import type { ClaimsVerifierOptions } from '../claims-verifier.js';

export const ISSUER = 'https://project-ref.supabase.co/auth/v1';
export const AUDIENCE = 'authenticated';
export const JWKS_URL = new URL(`${ISSUER}/.well-known/jwks.json`);
export const HS256_SECRET = 'super-secret-jwt-token-with-at-least-32-characters';
/** The clock of every test, by value. */
export const NOW = 1_750_000_000;

export interface SigningKey {
  readonly alg: 'ES256' | 'RS256';
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

export async function createSigningKey(alg: 'ES256' | 'RS256', kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  // The shape GoTrue publishes (gotrue-contract §2.9).
  const publicJwk = { ...(await exportJWK(publicKey)), alg, kid, use: 'sig', key_ops: ['verify'] };
  return { alg, kid, privateKey, publicJwk };
}

/** Supabase-shaped claims (gotrue-contract §4.1), valid for an hour from NOW. */
export function userClaims(overrides: Record<string, unknown> = {}): JWTPayload {
  return {
    iss: ISSUER,
    sub: '9f3c1a52-6f0e-4a51-9d61-3b1c2f0e8a77',
    aud: AUDIENCE,
    exp: NOW + 3600,
    iat: NOW,
    email: 'ada@example.com',
    phone: '',
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: {},
    role: 'authenticated',
    aal: 'aal1',
    amr: [{ method: 'password', timestamp: NOW }],
    session_id: '1d4b8f0e-2c55-4e0b-9a4f-6a9d7d1c3b21',
    is_anonymous: false,
    ...overrides,
  };
}

/** Drops claims whose override is `undefined`, so a test can mint a token missing `exp` or `sub`. */
function compact(payload: JWTPayload): JWTPayload {
  return Object.fromEntries(Object.entries(payload).filter(([, value]) => value !== undefined));
}

export async function mintToken(
  key: SigningKey,
  claims: JWTPayload = userClaims(),
  header: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT(compact(claims))
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ...header })
    .sign(key.privateKey);
}

export async function mintHs256Token(
  secret: string,
  claims: JWTPayload = userClaims(),
  header: Record<string, unknown> = {},
): Promise<string> {
  return new SignJWT(compact(claims))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...header })
    .sign(new TextEncoder().encode(secret));
}

export function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A token assembled by hand, for headers jose refuses to sign (`alg: none`). */
export function craftToken(header: unknown, payload: unknown, signature = ''): string {
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}.${signature}`;
}

export function jwksResponse(keys: readonly SigningKey[]): Response {
  return Response.json({ keys: keys.map((key) => key.publicJwk) }, { headers: { 'cache-control': 'public, max-age=600' } });
}

export interface FakeFetch {
  readonly fetch: typeof fetch;
  /** How many times the fetch was called, failures included. */
  readonly calls: () => number;
  readonly urls: () => readonly string[];
}

/** A fetch that answers each call with the next handler; the last one repeats. */
export function fakeFetch(...handlers: ReadonlyArray<(init: RequestInit | undefined) => Response | Promise<Response>>): FakeFetch {
  const urls: string[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    urls.push(input instanceof Request ? input.url : String(input));
    const handler = handlers[Math.min(urls.length, handlers.length) - 1];
    if (handler === undefined) throw new Error('fakeFetch: no handler');
    return handler(init);
  };
  return { fetch: fetchImpl as typeof fetch, calls: () => urls.length, urls: () => urls };
}

/** Serves the key set once; any later call fails the path that made it. */
export function fetchOnce(keys: readonly SigningKey[]): FakeFetch {
  return fakeFetch(
    () => jwksResponse(keys),
    () => {
      throw new Error('fetch must not be called again');
    },
  );
}

/** A fetch that must never be called: proves a path stays offline. */
export function offlineFetch(): FakeFetch {
  return fakeFetch(() => {
    throw new Error('fetch must not be called');
  });
}

export function verifierOptions(fetchImpl: FakeFetch, overrides: Partial<ClaimsVerifierOptions> = {}): ClaimsVerifierOptions {
  return { jwksUrl: JWKS_URL, issuer: ISSUER, audience: AUDIENCE, fetch: fetchImpl.fetch, timeoutMs: 5000, ...overrides };
}
