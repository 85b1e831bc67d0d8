// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): ends the login session, redirects back.
import type { MockContext } from './mock-context.js';
import { oauthError } from './oauth-error.js';

/**
 * GET (or form POST) with `id_token_hint`, `post_logout_redirect_uri`, `state`, `client_id`. Strict
 * as Okta is: a hint is required and must be an ID token of this issuer for this client (it may have
 * expired); a `post_logout_redirect_uri` must be registered. Ends the hint's `sid` (its refresh
 * tokens die with it) and redirects with `state`, or answers 200 without a redirect URI.
 */
export async function endSession(ctx: MockContext, request: Request): Promise<Response> {
  const params = request.method === 'POST' ? new URLSearchParams(await request.text()) : new URL(request.url).searchParams;
  const hint = params.get('id_token_hint');
  if (hint === null) return oauthError(400, 'invalid_request', 'id_token_hint is required');
  const payload = await ctx.signer.verify(hint, ctx.issuer, null);
  const audience = typeof payload?.aud === 'string' ? [payload.aud] : Array.isArray(payload?.aud) ? payload.aud : [];
  if (payload === null || !audience.includes(ctx.client.clientId) || typeof payload.sid !== 'string' || payload.client_id !== undefined) {
    return oauthError(400, 'invalid_request', 'id_token_hint is not an ID token of this provider for this client');
  }
  const clientId = params.get('client_id');
  if (clientId !== null && clientId !== ctx.client.clientId) return oauthError(400, 'invalid_request', 'client_id does not match the hint');
  const redirect = params.get('post_logout_redirect_uri');
  if (redirect !== null && !ctx.client.postLogoutRedirectUris.includes(redirect)) return oauthError(400, 'invalid_request', 'post_logout_redirect_uri is not registered');
  ctx.store.endSession(payload.sid);
  if (redirect === null) return Response.json({ logged_out: true }, { headers: { 'cache-control': 'no-store' } });
  const location = new URL(redirect);
  const state = params.get('state');
  if (state !== null) location.searchParams.set('state', state);
  return new Response(null, { status: 302, headers: { location: location.href, 'cache-control': 'no-store' } });
}
