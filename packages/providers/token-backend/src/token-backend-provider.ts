// The token-backend provider: the session engine's port implemented for any backend issuing access + refresh tokens.
import type { CookieAttributes, CookieWrite } from '@lockstep/core/cookies';
import type { RequestCookie } from '@lockstep/core/cookies';
import type { RefreshResult } from '@lockstep/core/refresh';
import type { Session } from '@lockstep/core';
import type { GrantResult, ProviderEnvironment, SessionProvider, SessionRead, SignOutScope, TokenCheck, TokenSource } from '@lockstep/core';
import type { UnavailableCause } from '@lockstep/core';
import { decodeClaimsUnverified } from '@lockstep/core/verify';
import { resolveTokenBackendOptions, type TokenBackendConfig } from './token-backend-config.js';
import type { TokenBackendOptions } from './token-backend-options.js';
import { callTokenEndpoint, type TokenCallContext, type TokenCallResult } from './token-call.js';
import { planTokenCookieWrite, readTokenCookie } from './token-cookie.js';
import { checkToken } from './token-check.js';
import { toSession } from './token-mapping.js';
import { RefusedTokens } from './refused-tokens.js';
import { peekToken } from '@lockstep/core/verify';

/**
 * What `createTokenBackendProvider` returns: pass it as `createLockstep({ provider })`; the proxy
 * helper uses `markRefused` to renew a session whose token a resource server refused.
 */
export interface TokenBackendProvider {
  (environment: ProviderEnvironment): SessionProvider;
  /**
   * Marks the session's access token as refused by a resource server (it answered 401 although the
   * token had not expired, e.g. after a key rotation or a server-side revocation of the token
   * alone). The next request carrying it refreshes first, through the coordinator.
   */
  markRefused(session: Session): Promise<void>;
  /** The session cookie's name (chunks are `<name>.0`, `<name>.1`, …). */
  readonly cookieName: string;
}

/**
 * Creates the provider for a custom token backend (DESIGN §3.10): login and refresh endpoints with
 * configurable bodies and answer mapping, tokens in one httpOnly cookie, failures classified
 * (terminal rejections sign out; 5xx, 429, network, timeout and unreadable answers never do),
 * access tokens verified locally (JWKS or HS256 secret, `iss` and `aud` required) or at `userUrl`.
 *
 * @example
 * const backend = createTokenBackendProvider({
 *   loginUrl: 'https://api.example.com/auth/login',
 *   refreshUrl: 'https://api.example.com/auth/refresh',
 *   userUrl: 'https://api.example.com/auth/me',
 *   jwt: { jwksUrl: 'https://api.example.com/.well-known/jwks.json', issuer: 'https://api.example.com', audience: 'web' },
 * });
 * const lockstep = createLockstep({ provider: backend, routes: [{ match: '/', access: 'public' }] });
 */
export function createTokenBackendProvider(options: TokenBackendOptions): TokenBackendProvider {
  const config = resolveTokenBackendOptions(options);
  const refused = new RefusedTokens();
  const build = (environment: ProviderEnvironment): SessionProvider => buildProvider(config, environment, refused);
  return Object.assign(build, {
    markRefused: (session: Session) => refused.add(session),
    cookieName: config.cookieName,
  });
}

function buildProvider(config: TokenBackendConfig, environment: ProviderEnvironment, refused: RefusedTokens): SessionProvider {
  const call: TokenCallContext = { fetch: environment.fetch, timeoutMs: environment.timeoutMs, headers: config.headers };
  const check = checkToken(config, call, environment);

  async function readSession(cookies: readonly RequestCookie[], now: number): Promise<SessionRead> {
    const read = readTokenCookie(cookies, config.cookieName);
    if (read.kind !== 'present') return read;
    // A refused token is read as expired, so the engine renews it (single flight, successor cache).
    if (await refused.has(read.session.accessToken, now)) return { kind: 'present', session: { ...read.session, expiresAt: Math.min(read.session.expiresAt, now) } };
    return read;
  }

  function planWrite(cookies: readonly RequestCookie[], session: Session | null, attributes: CookieAttributes): CookieWrite[] {
    return planTokenCookieWrite(cookies, config.cookieName, session, { ...attributes, httpOnly: config.httpOnly });
  }

  async function refresh(refreshToken: string, now: number): Promise<RefreshResult> {
    const answer = await callTokenEndpoint(call, { url: config.refreshUrl, method: 'POST', body: config.refreshBody(refreshToken) });
    switch (answer.kind) {
      case 'unavailable':
        return answer;
      case 'error': {
        const verdict = config.classifyRejection({ status: answer.status, code: answer.code });
        return verdict.kind === 'terminal' ? { kind: 'rejected', reason: verdict.reason } : { kind: 'unavailable', cause: 'unknown_refusal', status: answer.status };
      }
      case 'ok': {
        const session = sessionFrom(answer, now, refreshToken);
        return session === null ? { kind: 'unavailable', cause: 'protocol', status: answer.status } : { kind: 'refreshed', session };
      }
    }
  }

  async function signInWithPassword(credentials: { readonly email: string; readonly password: string }, now: number): Promise<GrantResult> {
    const answer = await callTokenEndpoint(call, { url: config.loginUrl, method: 'POST', body: config.loginBody(credentials) });
    switch (answer.kind) {
      case 'unavailable':
        return answer;
      case 'error':
        return { kind: 'rejected', code: answer.code ?? 'invalid_credentials' };
      case 'ok': {
        const session = sessionFrom(answer, now, null);
        return session === null ? { kind: 'unavailable', cause: 'protocol', status: answer.status } : { kind: 'granted', session };
      }
    }
  }

  function sessionFrom(answer: Extract<TokenCallResult, { kind: 'ok' }>, now: number, previousRefreshToken: string | null): Session | null {
    let tokens: ReturnType<TokenBackendConfig['mapTokens']>;
    try {
      tokens = config.mapTokens(answer.body);
    } catch {
      // A mapper that throws on a strange body has not found a session: a protocol failure, not a crash.
      return null;
    }
    const accessToken = tokens?.accessToken;
    const exp = typeof accessToken === 'string' ? (decodeClaimsUnverified(accessToken)?.exp ?? null) : null;
    return toSession(tokens, now, { exp, refreshToken: previousRefreshToken });
  }

  async function endSession(session: Session, scope: SignOutScope): Promise<{ kind: 'ok' } | { kind: 'unavailable'; cause: UnavailableCause }> {
    if (config.logoutUrl === null) return { kind: 'ok' };
    const answer = await callTokenEndpoint(call, { url: config.logoutUrl, method: 'POST', bearer: session.accessToken, body: { json: { scope } } });
    // A 4xx means the backend no longer knows the session: it is over either way.
    return answer.kind === 'unavailable' ? { kind: 'unavailable', cause: answer.cause } : { kind: 'ok' };
  }

  const provider: SessionProvider = {
    cookieName: config.cookieName,
    authUrl: new URL(config.refreshUrl).origin,
    refusalCodes: config.refusalCodes,
    readSession,
    planWrite,
    refresh,
    check: (session: Session, source: TokenSource, now: number): Promise<TokenCheck> => check(session, source, now),
    peekToken,
    signInWithPassword,
    ...(config.logoutUrl === null ? {} : { endSession }),
  };
  return Object.freeze(provider);
}

