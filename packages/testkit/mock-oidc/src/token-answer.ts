// Builds a token endpoint answer (RFC 6749 §5.1, OIDC Core §3.1.3.3): access, refresh and ID token.
import { randomUUID } from 'node:crypto';
import type { IssuedGrant } from './grants.js';
import type { MockContext } from './mock-context.js';

/** A token endpoint answer as the mock sends it. */
export interface OidcTokenResponse {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly refresh_token: string;
  readonly id_token: string;
  readonly scope: string;
}

/** Signs the tokens for a grant; `nonce` only on the code grant's ID token (OIDC Core §12.2). */
export async function tokenAnswer(ctx: MockContext, grant: IssuedGrant, nonce: string | null, jtiFamilies: Map<string, string>): Promise<OidcTokenResponse> {
  const now = ctx.nowSeconds();
  const { user, sid, scope } = grant;
  const jti = randomUUID();
  jtiFamilies.set(jti, grant.familyId);
  const accessToken = await ctx.signer.sign(
    {
      iss: ctx.issuer,
      sub: user.id,
      aud: ctx.settings.accessTokenAudience,
      client_id: ctx.client.clientId,
      scope,
      sid,
      jti,
      email: user.email,
      iat: now,
      exp: now + ctx.settings.accessTokenTtlSeconds,
    },
    'at+jwt',
  );
  const idToken = await ctx.signer.sign(
    {
      iss: ctx.issuer,
      sub: user.id,
      aud: ctx.client.clientId,
      iat: now,
      exp: now + ctx.settings.idTokenTtlSeconds,
      auth_time: now,
      sid,
      email: user.email,
      email_verified: true,
      name: user.name,
      ...(nonce === null ? {} : { nonce }),
    },
    'JWT',
  );
  return { access_token: accessToken, token_type: 'Bearer', expires_in: ctx.settings.accessTokenTtlSeconds, refresh_token: grant.refreshToken, id_token: idToken, scope };
}
