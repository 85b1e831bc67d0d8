// Starts a sign-in: the authorization redirect (code + PKCE S256, state, nonce) and the flow cookie that remembers it.
import { sanitizeReturnTo, type UnavailableCause } from '@lockstep/core';
import { createCookiePlan, NO_STORE_HEADERS, resolveCookieAttributes } from '@lockstep/core/cookies';
import { randomToken, s256 } from './base64url.js';
import { encodeFlow, flowAttributes, flowCookieName } from './flow-cookie.js';
import type { OidcRuntime } from './runtime.js';

/** Options of `startSignIn`. */
export interface StartSignInOptions {
  /** Unix seconds, for tests. @default Date.now() / 1000 */
  readonly now?: number;
  /**
   * Where to send the user after the callback (e.g. the login page's `?next=`): carried in the flow
   * cookie, since the redirect URI must match exactly; kept only if it is a plain local path, and
   * validated again by the engine at the callback. @default the instance's `afterSignInPath`
   */
  readonly returnTo?: string | null;
}

/** The redirect to the provider (render `response`), or why it cannot be built now. */
export type SignInStart =
  | {
      readonly kind: 'redirect';
      /** The authorization URL. */
      readonly location: string;
      /** The flow cookie, one `Set-Cookie` value. */
      readonly setCookie: readonly string[];
      /** A 302 (303 for a POST) to `location` with the cookie and no-store headers. */
      readonly response: Response;
    }
  /** Discovery failed: a 503 to show; nothing was stored. */
  | { readonly kind: 'unavailable'; readonly cause: UnavailableCause; readonly response: Response };

/**
 * Builds the authorization request (OIDC Core §3.1.2.1): `response_type=code`, the scopes,
 * `state` and `nonce` (256 random bits each), the S256 challenge of a fresh verifier, and the
 * configured extra parameters. The verifier, state, nonce and redirect URI go into an HttpOnly flow
 * cookie that the callback checks and clears. A new sign-in replaces an unfinished one. After the
 * callback the user lands on the instance's `afterSignInPath` (the core's callback result cannot
 * carry a return-to target yet; the flow cookie has a field reserved for it).
 */
export async function startSignIn(runtime: OidcRuntime, request: { readonly url: string | URL; readonly method?: string }, options: StartSignInOptions = {}): Promise<SignInStart> {
  const { config } = runtime;
  const now = Math.floor(options.now ?? Date.now() / 1000);
  const requestUrl = new URL(String(request.url));
  const resolved = await runtime.resolve(now);
  if (resolved.kind !== 'ok') {
    const headers = noStoreHeaders();
    headers.set('retry-after', '5');
    headers.set('content-type', 'text/plain; charset=utf-8');
    const response = new Response('The sign-in service is unavailable. Please try again shortly.', { status: 503, headers });
    return { kind: 'unavailable', cause: resolved.cause, response };
  }
  const verifier = randomToken();
  const state = randomToken();
  const nonce = randomToken();
  const redirectUri = new URL(config.redirectUri, requestUrl.origin).href;
  const location = new URL(resolved.metadata.authorizationEndpoint);
  for (const [name, value] of Object.entries(config.authorizationParams)) location.searchParams.set(name, value);
  location.searchParams.set('response_type', 'code');
  location.searchParams.set('client_id', config.clientId);
  location.searchParams.set('redirect_uri', redirectUri);
  location.searchParams.set('scope', config.scope);
  location.searchParams.set('state', state);
  location.searchParams.set('nonce', nonce);
  location.searchParams.set('code_challenge', await s256(verifier));
  location.searchParams.set('code_challenge_method', 'S256');
  // `Secure` as the app's cookie settings decide it for this request (the session cookie's rule).
  const { secure } = resolveCookieAttributes(runtime.environment.cookies, requestUrl);
  const name = flowCookieName(runtime.cookieName);
  const value = encodeFlow({ verifier, state, nonce, redirectUri, returnTo: options.returnTo === undefined || options.returnTo === null ? null : sanitizeReturnTo(options.returnTo), startedAt: now });
  const { setCookie } = createCookiePlan([], [{ name, value, attributes: flowAttributes(secure, config.flowMaxAgeSeconds) }]);
  const headers = noStoreHeaders();
  headers.set('location', location.href);
  for (const cookie of setCookie) headers.append('set-cookie', cookie);
  const status = request.method === undefined || request.method === 'GET' || request.method === 'HEAD' ? 302 : 303;
  return { kind: 'redirect', location: location.href, setCookie, response: new Response(null, { status, headers }) };
}

// `Vary` is appended (a list); the others are set.
function noStoreHeaders(): Headers {
  const headers = new Headers();
  for (const [name, value] of NO_STORE_HEADERS) {
    if (name.toLowerCase() === 'vary') headers.append(name, value);
    else headers.set(name, value);
  }
  return headers;
}
