// The OIDC provider: the session engine's port implemented for any OpenID Connect issuer.
import { LockstepError, type ProviderEnvironment, type Session, type SessionProvider } from '@lockstep/core';
import type { CookieAttributes, RequestCookie } from '@lockstep/core/cookies';
import { completeCallback } from './callback.js';
import { peekToken } from '@lockstep/core/verify';
import { endSessionUrl, revokeSession, type EndSessionUrlOptions } from './end-session.js';
import { clearFlow, flowCookieName } from './flow-cookie.js';
import { resolveOidcOptions } from './oidc-config.js';
import type { OidcOptions } from './oidc-options.js';
import { refreshSession } from './refresh.js';
import { REFUSAL_CODES } from './refusals.js';
import { createRuntime, type OidcRuntime } from './runtime.js';
import { planSessionWrite, readSessionCookie } from './session-cookie.js';
import { startSignIn, type SignInStart, type StartSignInOptions } from './sign-in-start.js';
import { checkToken } from './token-check.js';

/**
 * The OIDC provider as the engine sees it: the callback, sign-out and its cookie cleanup, and no
 * password sign-in (so an instance's `signInWithPassword` does not exist: a type error, not a throw).
 */
export interface OidcSessionProvider extends Omit<SessionProvider, 'signInWithPassword' | 'dataClient'> {
  completeCallback: NonNullable<SessionProvider['completeCallback']>;
  endSession: NonNullable<SessionProvider['endSession']>;
  signOutWrites: NonNullable<SessionProvider['signOutWrites']>;
}

/**
 * What `oidc()` returns: pass it as `createLockstep({ provider })`. Sign-in starts with a redirect,
 * not a password, so the provider carries the helper that builds it, and the RP-initiated logout URL.
 */
export interface OidcProvider {
  (environment: ProviderEnvironment): OidcSessionProvider;
  /**
   * The redirect to the provider's authorization endpoint, with its flow cookie (render `response`).
   * Needs the Lockstep instance to exist (it uses the instance's `fetch` and timeout).
   */
  startSignIn(request: { readonly url: string | URL; readonly method?: string }, options?: StartSignInOptions): Promise<SignInStart>;
  /** The RP-initiated logout URL for the session in the request's cookies, or `null` (see `endSessionUrl`). */
  endSessionUrl(request: { readonly url: string | URL; readonly headers: Headers }, options?: EndSessionUrlOptions): Promise<string | null>;
  /** The session cookie's configured name (chunks are `<name>.0`, `<name>.1`, …; the flow cookie is `<name>-flow`; `__Host-` goes first when the app's cookie settings ask for it). */
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
  const build = (environment: ProviderEnvironment): OidcSessionProvider => {
    latest = createRuntime(config, environment);
    return buildProvider(latest);
  };
  return Object.assign(build, {
    startSignIn: async (request: { readonly url: string | URL; readonly method?: string }, signInOptions?: StartSignInOptions) => startSignIn(runtime(), request, signInOptions),
    endSessionUrl: async (request: { readonly url: string | URL; readonly headers: Headers }, urlOptions?: EndSessionUrlOptions) => endSessionUrl(runtime(), request, urlOptions),
    cookieName: config.cookieName,
  });
}

function buildProvider(runtime: OidcRuntime): OidcSessionProvider {
  const { config, cookieName } = runtime;
  const flowName = flowCookieName(cookieName);
  const provider: OidcSessionProvider = {
    cookieName,
    authUrl: config.issuer,
    // The one final refusal of OAuth 2 (RFC 6749 §5.2); see `isFinalRefusal`.
    refusalCodes: REFUSAL_CODES,
    readSession: (cookies: readonly RequestCookie[]) => Promise.resolve(readSessionCookie(cookies, cookieName)),
    planWrite: (cookies: readonly RequestCookie[], session: Session | null, attributes: CookieAttributes) => planSessionWrite(cookies, cookieName, session, attributes),
    refresh: (refreshToken: string, now: number) => refreshSession(runtime, refreshToken, now),
    check: checkToken(runtime),
    peekToken,
    endSession: (session, scope, now) => revokeSession(runtime, session, scope, now),
    completeCallback: (request, cookies, attributes, now) => completeCallback(runtime, request, cookies, attributes, now),
    signOutWrites: (cookies: readonly RequestCookie[], attributes: CookieAttributes) => clearFlow(cookies, flowName, attributes),
  };
  return Object.freeze(provider);
}
