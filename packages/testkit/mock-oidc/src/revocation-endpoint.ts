// Token revocation (RFC 7009): refresh tokens end their family, access tokens end themselves.
import { decodeJwt } from 'jose';
import { authenticateClient } from './client-auth.js';
import type { MockContext } from './mock-context.js';
import { oauthError } from './oauth-error.js';

/** 200 for revoked and for unknown tokens alike (RFC 7009 §2.2); the hint only orders the lookup. */
export async function revoke(ctx: MockContext, request: Request, form: URLSearchParams): Promise<Response> {
  const clientId = authenticateClient(request, form, ctx.client);
  if (clientId instanceof Response) return clientId;
  const token = form.get('token');
  if (token === null || token === '') return oauthError(400, 'invalid_request', 'token is required');
  const refresh = ctx.store.revokeRefreshToken(token, clientId);
  if (refresh === 'other_client') return oauthError(400, 'unauthorized_client', 'token issued to another client');
  if (refresh === 'unknown') {
    const payload = await ctx.signer.verify(token, ctx.issuer, null);
    if (payload !== null && typeof payload.jti === 'string') {
      if (decodeJwt(token).client_id !== clientId) return oauthError(400, 'unauthorized_client', 'token issued to another client');
      ctx.store.revokeAccessToken(payload.jti);
    }
  }
  return new Response(null, { status: 200, headers: { 'cache-control': 'no-store' } });
}
