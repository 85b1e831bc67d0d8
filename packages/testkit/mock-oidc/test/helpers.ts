// Test helpers: a mock with one user and a confidential client, and the calls a relying party makes.
import { createHash, randomBytes } from 'node:crypto';
import { createMockOidc, type MockOidc, type MockOidcOptions, type OidcTokenResponse } from '../src/index.js';

export const EMAIL = 'ada@example.com';
export const SECRET = 'test-client-secret';
export const REDIRECT = 'http://app.test/auth/callback';

export function setup(options: MockOidcOptions = {}): Promise<MockOidc> {
  return createMockOidc({ users: [{ email: EMAIL, name: 'Ada' }], client: { clientSecret: SECRET }, startTime: 1_800_000_000_000, ...options });
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

/** A form POST, authenticated with client_secret_basic unless `auth` is `false`. */
export function postForm(oidc: MockOidc, path: string, form: Record<string, string>, auth: string | false = basic(oidc.clientId, SECRET)): Promise<Response> {
  return oidc.fetch(`${oidc.issuer}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth === false ? {} : { authorization: auth }) },
    body: new URLSearchParams(form).toString(),
  });
}

/** Runs the authorization request; returns the redirect's parameters. */
export async function authorize(oidc: MockOidc, overrides: Record<string, string | null> = {}): Promise<{ params: URLSearchParams; verifier: string; response: Response }> {
  const { verifier, challenge } = pkcePair();
  const url = new URL(`${oidc.issuer}/authorize`);
  const params: Record<string, string | null> = {
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: REDIRECT,
    scope: 'openid email offline_access',
    state: 'state-1',
    nonce: 'nonce-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
  for (const [name, value] of Object.entries(params)) if (value !== null) url.searchParams.set(name, value);
  const response = await oidc.fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  return { params: location === null ? new URLSearchParams() : new URL(location).searchParams, verifier, response };
}

/** The whole code flow: authorize, then redeem the code. */
export async function signIn(oidc: MockOidc): Promise<OidcTokenResponse> {
  const { params, verifier } = await authorize(oidc);
  const answer = await postForm(oidc, '/token', { grant_type: 'authorization_code', code: params.get('code') ?? '', code_verifier: verifier, redirect_uri: REDIRECT });
  if (answer.status !== 200) throw new Error(`code grant failed: ${answer.status}`);
  return (await answer.json()) as OidcTokenResponse;
}

export function refresh(oidc: MockOidc, refreshToken: string): Promise<Response> {
  return postForm(oidc, '/token', { grant_type: 'refresh_token', refresh_token: refreshToken });
}
