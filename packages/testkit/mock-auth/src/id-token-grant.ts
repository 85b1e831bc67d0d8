// `POST /token?grant_type=id_token` (signInWithIdToken) for the fake provider, and the ID tokens that
// provider issues to tests; GoTrue's checks and OAuth-style errors (`token_oidc.go`).
import { createHash } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { fail, json, stringField, type Handler, type HandlerResult } from './handler-types.js';
import { apiError } from './api-error.js';
import { toUnixSeconds } from './ids.js';
import { signIn } from './sessions.js';
import type { MockAuthState } from './state.js';
import { insertUser, isBanned, linkIdentity } from './users.js';

/** The client id the fake provider puts in `aud`, as a real project configures its provider's. */
export const MOCK_OIDC_CLIENT_ID = 'mock-client-id';

/** What a test asks the fake provider for. */
export interface IdTokenInput {
  readonly email: string;
  /** One of the mock's OAuth providers. @default the first */
  readonly provider?: string;
  /** The raw nonce the app generated; the token carries its SHA-256 (hex), as Google and Apple do. */
  readonly nonce?: string;
  /** @default MOCK_OIDC_CLIENT_ID */
  readonly audience?: string;
  /** @default 3600 */
  readonly expiresInSeconds?: number;
}

/** The fake provider's issuer: `${issuer}/mock-provider`. */
export function providerIssuer(state: MockAuthState): string {
  return `${state.issuer}/mock-provider`;
}

/** The provider subject of an email: stable, so sign-ins and OAuth flows meet in one identity. */
export function providerSubject(provider: string, email: string): string {
  return createHash('sha256').update(`${provider}:${email.trim().toLowerCase()}`).digest('hex').slice(0, 20);
}

/** Signs an ID token as the fake provider would hand it to a native app. */
export function issueIdToken(state: MockAuthState, input: IdTokenInput, nowMs: number): Promise<string> {
  const provider = input.provider ?? state.options.oauthProviders[0] ?? 'github';
  const email = input.email.trim().toLowerCase();
  const iat = toUnixSeconds(nowMs);
  return new SignJWT({
    email,
    email_verified: true,
    ...(input.nonce === undefined ? {} : { nonce: createHash('sha256').update(input.nonce).digest('hex') }),
  })
    .setProtectedHeader({ alg: 'ES256', kid: state.keys.providerKey.kid })
    .setIssuer(`${providerIssuer(state)}/${provider}`)
    .setSubject(providerSubject(provider, email))
    .setAudience(input.audience ?? MOCK_OIDC_CLIENT_ID)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (input.expiresInSeconds ?? 3600))
    .sign(state.keys.providerKey.privateKey);
}

/** GoTrue's OAuth-style refusal: always 400, `{error, error_description}`, no error code. */
const oauthError = (error: string, description: string): HandlerResult => json(400, { error, error_description: description });

/** `grant_type=id_token`: `{id_token, nonce?, provider}` → a session (amr `oauth`). */
export const idTokenGrant: Handler = async (state, request) => {
  const { body, nowMs } = request;
  const idToken = stringField(body, 'id_token') ?? '';
  const provider = stringField(body, 'provider') ?? '';
  if (idToken === '') return oauthError('invalid request', 'id_token required');
  if (provider === '') return oauthError('invalid request', 'provider or client_id and issuer required');
  if (!state.options.oauthProviders.includes(provider)) {
    return fail(apiError(400, 'validation_failed', `Custom OIDC provider ${JSON.stringify(provider)} not allowed`));
  }
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(idToken, state.keys.providerKey.publicKey, {
      issuer: `${providerIssuer(state)}/${provider}`,
      algorithms: ['ES256'],
      currentDate: new Date(nowMs),
    }));
  } catch {
    return oauthError('invalid request', 'Bad ID token');
  }
  if (claims.sub === undefined || claims.sub === '') return oauthError('invalid request', 'Missing sub claim in id_token');
  const audience = Array.isArray(claims.aud) ? claims.aud : claims.aud === undefined ? [] : [claims.aud];
  if (!audience.includes(MOCK_OIDC_CLIENT_ID)) return oauthError('invalid request', `Unacceptable audience in id_token: [${audience.join(' ')}]`);
  const tokenNonce = typeof claims.nonce === 'string' ? claims.nonce : '';
  const nonce = stringField(body, 'nonce') ?? '';
  if ((tokenNonce !== '') !== (nonce !== '')) {
    return oauthError('invalid request', 'Passed nonce and nonce in id_token should either both exist or not.');
  }
  if (nonce !== '' && createHash('sha256').update(nonce).digest('hex') !== tokenNonce) return oauthError('invalid nonce', 'Nonces mismatch');
  const email = typeof claims.email === 'string' ? claims.email : '';
  const owner = [...state.store.users.values()].find((u) => u.identities.some((i) => i.provider === provider && i.providerId === claims.sub));
  const existing = owner ?? (email === '' ? undefined : state.store.findUserByEmail(email));
  const user = existing ?? insertUser(state.store, { email, password: null, confirmed: true, provider, providerId: claims.sub }, nowMs);
  if (existing !== undefined) linkIdentity(existing, provider, claims.sub, nowMs);
  if (isBanned(user, nowMs)) return fail(apiError(400, 'user_banned', 'User is banned'));
  return json(200, await signIn(state, user, 'oauth', nowMs));
};
