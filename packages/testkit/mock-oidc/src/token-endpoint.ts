// The token endpoint: authorization_code with PKCE (RFC 7636) and refresh_token with rotation.
import { authenticateClient } from './client-auth.js';
import type { MockContext } from './mock-context.js';
import { oauthError } from './oauth-error.js';
import { verifierMatches } from './pkce.js';
import { tokenAnswer } from './token-answer.js';

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

/** Answers one token request whose form has already been read. */
export async function token(ctx: MockContext, request: Request, form: URLSearchParams, jtiFamilies: Map<string, string>): Promise<Response> {
  const clientId = authenticateClient(request, form, ctx.client);
  if (clientId instanceof Response) return clientId;
  const now = ctx.nowSeconds();
  switch (form.get('grant_type')) {
    case 'authorization_code': {
      const code = form.get('code');
      const verifier = form.get('code_verifier');
      const redirectUri = form.get('redirect_uri');
      if (code === null || verifier === null || redirectUri === null) return oauthError(400, 'invalid_request', 'code, code_verifier and redirect_uri are required');
      const result = ctx.store.redeemCode(code, now, (grant) => {
        if (grant.clientId !== clientId) return 'code issued to another client';
        if (grant.redirectUri !== redirectUri) return 'redirect_uri does not match';
        return verifierMatches(verifier, grant.codeChallenge) ? null : 'PKCE verification failed';
      });
      if (result.kind === 'refused') return oauthError(400, 'invalid_grant', result.description);
      return Response.json(await tokenAnswer(ctx, result.grant, result.nonce, jtiFamilies), { headers: NO_STORE });
    }
    case 'refresh_token': {
      const refreshToken = form.get('refresh_token');
      if (refreshToken === null) return oauthError(400, 'invalid_request', 'refresh_token is required');
      const result = ctx.store.rotate(refreshToken, clientId, now);
      if (result.kind === 'refused') return oauthError(400, 'invalid_grant', result.description);
      return Response.json(await tokenAnswer(ctx, result.grant, null, jtiFamilies), { headers: NO_STORE });
    }
    default:
      return oauthError(400, 'unsupported_grant_type', 'authorization_code or refresh_token');
  }
}
