// The OIDC provider: the session engine's port implemented for any OpenID Connect issuer.
import { LockstepError, type CookieAttributes, type ProviderEnvironment, type RequestCookie, type Session, type SessionProvider } from '@lockstep/core';
import { completeCallback } from './callback.js';
import { peekToken } from './core-internals.js';
import { endSessionUrl, revokeSession, type EndSessionUrlOptions } from './end-session.js';
import { clearFlow, flowCookieName } from './flow-cookie.js';
import { resolveOidcOptions } from './oidc-config.js';
import type { OidcOptions } from './oidc-options.js';
import { refreshSession } from './refresh.js';
import { createRuntime, type OidcRuntime } from './runtime.js';
import { planSessionWrite, readSessionCookie } from './session-cookie.js';
import { startSignIn, type SignInStart, type StartSignInOptions } from './sign-in-start.js';
import { checkToken } from './token-check.js';

/**
 * What `oidc()` returns: pass it as `createLockstep({ provider })`. Sign-in starts with a redirect,
 * not a password, so the provider carries the helper that builds it, and the RP-initiated logout URL.
 */
export interface OidcProvider {
  (environment: ProviderEnvironment): SessionProvider;
  /**
   * The redirect to the provider's authorization endpoint, with its flow cookie (render `response`).
   * Needs the Lockstep instance to exist (it uses the instance's `fetch` and timeout).
   */
  startSignIn(request: { readonly url: string | URL; readonly method?: string }, options?: StartSignInOptions): Promise<SignInStart>;
  /** The RP-initiated logout URL for the session in the request's cookies, or `null` (see `endSessionUrl`). */
  endSessionUrl(request: { readonly url: string | URL; readonly headers: Headers }, options?: EndSessionUrlOptions): Promise<string | null>;
  /** The session cookie's name (chunks are `<name>.0`, `<name>.1`, …; the flow cookie is `<name>-flow`). */
  readonly cookieName: string;
}

/**
 * Creates the provider for an OpenID Connect issuer: authorization code with PKCE (S256), state
 * and nonce; the session in one HttpOnly cookie (chunked when large); refresh with rotation (only
 * `invalid_grant` signs out; 5xx, 429, network, timeouts and any other answer never do); access
 * tokens verified with the issuer's JWKS (`iss`, `aud`, `exp`) or at its userinfo endpoint;
 * sign-out revokes the refresh token (RFC 7009), and `endSessionUrl` gives the RP-initiated logout
 * redirect. Discovery is fetched on first use and cached. There is no password sign-in.
 *
 * @example
 * const provider = oidc({ issuer: 'https://id.example.com/', clientId: 'web', clientSecret: process.env.OIDC_SECRET! });
 * const lockstep = createLockstep({ provider, routes: [{ match: '/', access: 'public' }] });
 * // GET /login → return (await provider.startSignIn(request)).response;
 */
export function oidc(options: OidcOptions): OidcProvider {
  const config = resolveOidcOptions(options);
  let latest: OidcRuntime | null = null;
  const runtime = (): OidcRuntime => {
    if (latest === null) throw new LockstepError('ERR_CONFIG_INVALID', 'oidc: create the Lockstep instance with this provider before starting a sign-in or a logout.');
    return latest;
  };
  const build = (environment: ProviderEnvironment): SessionProvider => {
    latest = createRuntime(config, environment);
    return buildProvider(latest);
  };
  return Object.assign(build, {
    startSignIn: async (request: { readonly url: string | URL; readonly method?: string }, signInOptions?: StartSignInOptions) => startSignIn(runtime(), request, signInOptions),
    endSessionUrl: async (request: { readonly url: string | URL; readonly headers: Headers }, urlOptions?: EndSessionUrlOptions) => endSessionUrl(runtime(), request, urlOptions),
    cookieName: config.cookieName,
  });
}

function buildProvider(runtime: OidcRuntime): SessionProvider {
  const { config } = runtime;
  const flowName = flowCookieName(config.cookieName);
  const provider: SessionProvider = {
    cookieName: config.cookieName,
    authUrl: config.issuer,
    readSession: (cookies: readonly RequestCookie[]) => Promise.resolve(readSessionCookie(cookies, config.cookieName)),
    planWrite: (cookies: readonly RequestCookie[], session: Session | null, attributes: CookieAttributes) => planSessionWrite(cookies, config.cookieName, session, attributes),
    refresh: (refreshToken: string, now: number) => refreshSession(runtime, refreshToken, now),
    check: checkToken(runtime),
    peekToken,
    endSession: (session, scope, now) => revokeSession(runtime, session, scope, now),
    completeCallback: (request, cookies, attributes, now) => completeCallback(runtime, request, cookies, attributes, now),
    signOutWrites: (cookies: readonly RequestCookie[], attributes: CookieAttributes) => clearFlow(cookies, flowName, attributes),
  };
  return Object.freeze(provider);
}
