// Ending the session at the provider: refresh-token revocation (RFC 7009) and the RP-initiated logout URL.
import type { Session, SignOutScope, UnavailableCause } from '@lockstep/core';
import { parseRequestCookies } from '@lockstep/core/cookies';
import { postForm } from './oauth-call.js';
import type { OidcRuntime } from './runtime.js';
import { idTokenOf, readSessionCookie } from './session-cookie.js';

/**
 * Revokes the session's refresh token at the revocation endpoint (RFC 7009 §2.1: the provider ends
 * the grant, access tokens included where it can). `ok` for 2xx — RFC 7009 answers 200 for a token
 * it no longer knows, so an already-ended session is `ok` too. `others` cannot be expressed with
 * OAuth (there is no "every grant but this one"): it answers `unavailable` without a call, and the
 * core keeps the cookies as it does for `others`. `global` revokes this grant; ending the
 * provider's own login session (single sign-on) is the RP-initiated logout redirect's job.
 */
export async function revokeSession(runtime: OidcRuntime, session: Session, scope: SignOutScope, now: number): Promise<{ kind: 'ok' } | { kind: 'unavailable'; cause: UnavailableCause }> {
  if (scope === 'others') return { kind: 'unavailable', cause: 'protocol' };
  const resolved = await runtime.resolve(now);
  if (resolved.kind !== 'ok') return { kind: 'unavailable', cause: resolved.cause };
  if (resolved.metadata.revocationEndpoint === null) return { kind: 'unavailable', cause: 'protocol' };
  const answer = await postForm(runtime.config, runtime.environment, resolved.metadata.revocationEndpoint, { token: session.refreshToken, token_type_hint: 'refresh_token' });
  switch (answer.kind) {
    case 'ok':
      return { kind: 'ok' };
    case 'unavailable': {
      // RFC 7009 §2.2 answers 200 with an empty body, which the JSON classification calls unreadable.
      const emptySuccess = answer.cause === 'protocol' && answer.status !== undefined && answer.status >= 200 && answer.status < 300;
      return emptySuccess ? { kind: 'ok' } : { kind: 'unavailable', cause: answer.cause };
    }
    case 'error':
      // `invalid_client`, `unsupported_token_type`, a gateway's 4xx: the provider was not told.
      return { kind: 'unavailable', cause: 'unknown_refusal' };
  }
}

/** Options of `endSessionUrl`. */
export interface EndSessionUrlOptions {
  /** Overrides the configured `postLogoutRedirectUri` (absolute, or a path on the request's origin). */
  readonly postLogoutRedirectUri?: string;
  /** Echoed back to the post-logout redirect URI. */
  readonly state?: string;
  /** Unix seconds, for tests. @default Date.now() / 1000 */
  readonly now?: number;
}

/**
 * The provider's RP-initiated logout URL (OpenID Connect RP-Initiated Logout 1.0) for the session
 * in the request's cookies: `id_token_hint` (when the cookie holds an ID token), `client_id`,
 * `post_logout_redirect_uri` and `state`. `null` when the provider publishes no
 * `end_session_endpoint` (e.g. Cognito: see the README) or cannot be reached. Call it before the
 * sign-out's cookie deletions reach the browser — it reads the request's cookies.
 */
export async function endSessionUrl(runtime: OidcRuntime, request: { readonly url: string | URL; readonly headers: Headers }, options: EndSessionUrlOptions = {}): Promise<string | null> {
  const now = Math.floor(options.now ?? Date.now() / 1000);
  const resolved = await runtime.resolve(now);
  if (resolved.kind !== 'ok' || resolved.metadata.endSessionEndpoint === null) return null;
  const read = readSessionCookie(parseRequestCookies(request.headers.get('cookie')), runtime.cookieName);
  const idToken = read.kind === 'present' ? idTokenOf(read.session) : null;
  const url = new URL(resolved.metadata.endSessionEndpoint);
  if (idToken !== null) url.searchParams.set('id_token_hint', idToken);
  url.searchParams.set('client_id', runtime.config.clientId);
  url.searchParams.set('post_logout_redirect_uri', new URL(options.postLogoutRedirectUri ?? runtime.config.postLogoutRedirectUri, new URL(String(request.url)).origin).href);
  if (options.state !== undefined) url.searchParams.set('state', options.state);
  return url.href;
}
