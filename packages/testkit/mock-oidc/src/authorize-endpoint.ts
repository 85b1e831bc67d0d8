// The authorization endpoint (OIDC Core §3.1.2): auto-approves the chosen user and redirects back with a code.
import type { MockContext } from './mock-context.js';
import { oauthError } from './oauth-error.js';
import { isS256Challenge } from './pkce.js';

/**
 * Validates the request the way strict providers do: an unknown client or an unregistered
 * `redirect_uri` is answered here (400, never a redirect: that would be an open redirector);
 * everything else is reported to the client in the redirect (`error`, `state`, `iss`, RFC 9207).
 * PKCE with S256 and the `openid` scope are required.
 */
export function authorize(ctx: MockContext, request: Request): Response {
  const params = new URL(request.url).searchParams;
  ctx.settings.lastAuthorizeRequest = new URLSearchParams(params);
  const clientId = params.get('client_id');
  const redirectUri = params.get('redirect_uri');
  if (clientId !== ctx.client.clientId) return oauthError(400, 'invalid_request', 'unknown client_id');
  if (redirectUri === null || !ctx.client.redirectUris.includes(redirectUri)) return oauthError(400, 'invalid_request', 'redirect_uri is not registered');
  const state = params.get('state');
  const back = (answer: Record<string, string>): Response => {
    const location = new URL(redirectUri);
    for (const [name, value] of Object.entries(answer)) location.searchParams.set(name, value);
    if (state !== null) location.searchParams.set('state', state);
    location.searchParams.set('iss', ctx.issuer);
    return new Response(null, { status: 302, headers: { location: location.href, 'cache-control': 'no-store' } });
  };
  if (params.get('response_type') !== 'code') return back({ error: 'unsupported_response_type', error_description: 'only the code flow' });
  const scope = params.get('scope') ?? '';
  if (!scope.split(' ').includes('openid')) return back({ error: 'invalid_scope', error_description: 'openid scope required' });
  const challenge = params.get('code_challenge');
  if (challenge === null || params.get('code_challenge_method') !== 'S256' || !isS256Challenge(challenge)) {
    return back({ error: 'invalid_request', error_description: 'PKCE with S256 required' });
  }
  const user = ctx.settings.loginUser;
  if (user === null) return back({ error: 'access_denied', error_description: 'the user declined' });
  const sid = ctx.store.startSession(user);
  const code = ctx.store.issueCode(
    { clientId, redirectUri, codeChallenge: challenge, nonce: params.get('nonce'), scope, sid, user },
    ctx.nowSeconds() + ctx.settings.codeTtlSeconds,
  );
  return back({ code });
}
