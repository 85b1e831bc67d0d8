// The UserInfo endpoint (OIDC Core §5.3): the user of a live bearer token.
import { liveAccessToken } from './access-tokens.js';
import type { MockContext } from './mock-context.js';
import { invalidToken } from './oauth-error.js';

/** GET or POST with `Authorization: Bearer`; 401 `invalid_token` for anything not live. */
export async function userinfo(ctx: MockContext, request: Request, jtiFamilies: ReadonlyMap<string, string>, findUser: (id: string) => { email: string; name: string } | undefined): Promise<Response> {
  const header = request.headers.get('authorization') ?? '';
  if (!/^Bearer /i.test(header)) return invalidToken('bearer token required');
  const payload = await liveAccessToken(ctx, header.slice(7).trim(), jtiFamilies);
  const user = typeof payload?.sub === 'string' ? findUser(payload.sub) : undefined;
  if (payload === null || user === undefined) return invalidToken('token expired, revoked or unknown');
  return Response.json({ sub: payload.sub, email: user.email, email_verified: true, name: user.name }, { headers: { 'cache-control': 'no-store' } });
}
