// The server-side guard's check (DESIGN §3.9): re-verify the forwarded cookies, never refresh, never write.
import { parseRequestCookies } from '../cookies/request-cookies.js';
import { toRequestRecord, type RequestLike } from '../request/request-record.js';
import type { VerifyMode } from '../routes/route-rule.js';
import type { AuthState } from '../session/session.js';
import { stricterMode } from '../verify/stricter-mode.js';
import type { LockstepContext } from './lockstep-context.js';

/**
 * The session in the request's cookies, checked in `requested` mode (the instance default when
 * omitted) or in the mode of the route rule the path falls under, whichever is stricter: a guard
 * on an `/admin/**` page (`verify: 'user'`) sees a revocation even when it asks for nothing.
 * An expired session is anonymous here.
 */
export async function verifyRequest(ctx: LockstepContext, input: RequestLike, requested?: VerifyMode): Promise<AuthState> {
  const now = ctx.now();
  const request = toRequestRecord(input);
  const mode = guardMode(ctx, request.url.pathname, requested);
  const read = await ctx.provider.readSession(parseRequestCookies(request.headers.get('cookie')), now);
  if (read.kind === 'none') return { kind: 'anonymous', reason: 'no_session' };
  if (read.kind === 'malformed') return { kind: 'anonymous', reason: 'malformed_cookie' };
  const exp = Math.min(read.session.expiresAt, ctx.provider.peekToken(read.session.accessToken)?.exp ?? Infinity);
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

function guardMode(ctx: LockstepContext, pathname: string, requested: VerifyMode | undefined): VerifyMode {
  const own = requested ?? ctx.defaultVerify;
  const route = ctx.routes.resolve(pathname);
  // A malformed path is denied by the guard's caller; its own mode stands here.
  return route.kind === 'matched' ? stricterMode(own, route.route.verify) : own;
}
