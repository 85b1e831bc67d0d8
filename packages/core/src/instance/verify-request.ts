// The server-side guard's check (DESIGN §3.9): re-verify the forwarded cookies, never refresh, never write.
import { parseRequestCookies } from '../cookies/request-cookies.js';
import { toRequestRecord, type RequestLike } from '../request/request-record.js';
import type { VerifyMode } from '../routes/route-rule.js';
import type { AuthState } from '../session/session.js';
import type { LockstepContext } from './lockstep-context.js';

/** The session in the request's cookies, checked in `mode`. An expired session is anonymous here. */
export async function verifyRequest(ctx: LockstepContext, input: RequestLike, mode: VerifyMode = ctx.defaultVerify): Promise<AuthState> {
  const now = ctx.now();
  const request = toRequestRecord(input);
  const read = await ctx.provider.readSession(parseRequestCookies(request.headers.get('cookie')), now);
  if (read.kind === 'none') return { kind: 'anonymous', reason: 'no_session' };
  if (read.kind === 'malformed') return { kind: 'anonymous', reason: 'malformed_cookie' };
  const exp = Math.min(read.session.expiresAt, ctx.provider.tokenTiming(read.session.accessToken)?.exp ?? Infinity);
  // Refreshing here would spend the token with no way to hand the browser its successor.
  if (exp <= now) return { kind: 'anonymous', reason: 'session_expired' };
  const check = await ctx.provider.check(read.session, { kind: 'cookie', mode }, now);
  if (check.kind === 'valid') return { kind: 'authenticated', session: read.session, user: check.user, claims: check.claims, verifiedBy: mode, refreshed: false };
  switch (check.kind) {
    case 'rejected':
      return { kind: 'anonymous', reason: check.reason };
    case 'unverified':
      return { kind: 'anonymous', reason: 'unverified_token' };
    case 'unavailable':
      return { kind: 'unavailable', cause: check.cause };
  }
}
