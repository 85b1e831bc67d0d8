// Whether an access token the mock issued is still good: signature, expiry, and nothing revoked since.
import type { JWTPayload } from 'jose';
import type { MockContext } from './mock-context.js';

/** The claims of a live access token, or `null`. */
export async function liveAccessToken(ctx: MockContext, token: string, jtiFamilies: ReadonlyMap<string, string>): Promise<JWTPayload | null> {
  const payload = await ctx.signer.verify(token, ctx.issuer, ctx.nowSeconds());
  if (payload === null || typeof payload.jti !== 'string' || payload.client_id === undefined) return null;
  const familyId = jtiFamilies.get(payload.jti);
  if (familyId === undefined || ctx.store.isAccessTokenRevoked(payload.jti) || !ctx.store.isFamilyLive(familyId)) return null;
  return payload;
}
