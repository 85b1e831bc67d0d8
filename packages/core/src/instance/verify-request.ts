// The server-side guard's check (DESIGN §3.9): re-verify the forwarded cookies, never refresh, never write.
import { resolveBearer } from '../bearer/resolve-bearer.js';
import { userBearer } from '../bearer/user-bearer.js';
import { parseRequestCookies, type RequestCookie } from '../cookies/request-cookies.js';
import { sessionCookieVariants } from '../cookies/session-cookie-variants.js';
import { emit, type EventHandler } from '../events.js';
import { toRequestRecord, type RequestLike, type RequestRecord } from '../request/request-record.js';
import { checkOperation, checkReport } from '../trace/call-reports.js';
import { authReason } from '../trace/describe-decision.js';
import { requestIdFrom, startTrace } from '../trace/request-trace.js';
import { timedCall } from '../trace/timed-call.js';
import type { VerifyMode } from '../routes/route-rule.js';
import { chooseResult, distinctSessions } from '../session/duplicate-sessions.js';
import { failedCheckAuth } from '../session/failed-check.js';
import type { AuthState } from '../session/session.js';
import { stricterMode } from '../verify/stricter-mode.js';
import type { LockstepContext } from './lockstep-context.js';
import type { RouteDecision } from '../routes/route-policy.js';
import type { BearerCredential } from '../bearer/bearer-token.js';

/**
 * The session in the request's cookies, checked in `requested` mode (the instance default when
 * omitted) or in the mode of the route rule the path falls under, whichever is stricter: a guard
 * on an `/admin/**` page (`verify: 'user'`) sees a revocation even when it asks for nothing.
 * An expired session is anonymous here. Duplicate session cookies are weighed as the middleware
 * weighs them (`resolveSessionAmong`).
 */
export async function verifyRequest(ctx: LockstepContext, input: RequestLike, requested?: VerifyMode): Promise<AuthState> {
  return (await verifyGuardedRequest(ctx, toRequestRecord(input), requested)).auth;
}

/** What a guard's check found: the auth state, the route it resolved once, and whether a Bearer token was checked. */
export interface GuardVerification {
  readonly auth: AuthState;
  readonly route: RouteDecision;
  /** The request presented a user's Bearer token on an API path (the checked credential, not the cookies). */
  readonly bearer: boolean;
}

/** `verifyRequest` on a request record, with what the guard's answer needs besides the auth state. */
export async function verifyGuardedRequest(ctx: LockstepContext, request: RequestRecord, requested?: VerifyMode): Promise<GuardVerification> {
  const route = ctx.routes.resolve(request.url.pathname);
  const mode = guardMode(route, requested ?? ctx.defaultVerify);
  // The middleware let a Bearer request through on the token alone: the guard checks that token, the same way.
  const bearer = userBearer(ctx.bearer && route.kind === 'matched' && ctx.isApi(route.route.canonicalPath), request.headers, ctx.provider);
  if (ctx.onEvent === undefined) return { auth: await verifyRecord(ctx, request, mode, bearer, undefined), route, bearer: bearer !== null };
  // Traced under the id the middleware forwarded, so the guard's events join the request's.
  const trace = startTrace(ctx.onEvent, requestIdFrom(request.headers));
  const auth = await verifyRecord(ctx, request, mode, bearer, trace.onEvent);
  emit(trace.onEvent, { type: 'guard.decided', mode, allowed: auth.kind === 'authenticated', reason: authReason(auth), durationMs: trace.elapsedMs() });
  return { auth, route, bearer: bearer !== null };
}

async function verifyRecord(ctx: LockstepContext, request: RequestRecord, mode: VerifyMode, bearer: Exclude<BearerCredential, { kind: 'none' }> | null, onEvent: EventHandler | undefined): Promise<AuthState> {
  const now = ctx.now();
  const header = request.headers.get('cookie');
  const cookies = parseRequestCookies(header);
  if (bearer !== null) return resolveBearer(ctx.provider, bearer, cookies, mode, now, onEvent);
  const variants = sessionCookieVariants(header, cookies, ctx.provider.cookieName);
  if (variants.length === 0) return verifyCookies(ctx, cookies, mode, now, onEvent);
  const { readings } = await distinctSessions(ctx.provider, [cookies, ...variants], now);
  const results: { auth: AuthState }[] = [];
  for (const reading of readings) results.push({ auth: await verifyCookies(ctx, reading, mode, now, onEvent) });
  const [head = { auth: { kind: 'anonymous', reason: 'no_session' } as AuthState }, ...tail] = results;
  const chosen = chooseResult([head, ...tail]);
  return chosen === 'ambiguous' ? { kind: 'anonymous', reason: 'ambiguous_session' } : chosen.auth;
}

async function verifyCookies(ctx: LockstepContext, cookies: readonly RequestCookie[], mode: VerifyMode, now: number, onEvent: EventHandler | undefined): Promise<AuthState> {
  const read = await ctx.provider.readSession(cookies, now);
  if (read.kind === 'none') return { kind: 'anonymous', reason: 'no_session' };
  if (read.kind === 'malformed') return { kind: 'anonymous', reason: 'malformed_cookie' };
  const timing = read.token !== undefined ? read.token : ctx.provider.peekToken(read.session.accessToken);
  const exp = Math.min(read.session.expiresAt, timing?.exp ?? Infinity);
  // Refreshing here would spend the token with no way to hand the browser its successor.
  if (exp <= now) return { kind: 'anonymous', reason: 'session_expired' };
  const check = await timedCall(onEvent, checkOperation(mode), () => ctx.provider.check(read.session, { kind: 'cookie', mode }, now), checkReport(mode));
  if (check.kind === 'valid') emit(onEvent, { type: 'session.verified', mode, cached: check.cached, userId: check.user.id });
  if (check.kind === 'valid') return { kind: 'authenticated', session: read.session, user: check.user, claims: check.claims, verifiedBy: mode, refreshed: false };
  return failedCheckAuth(check);
}

/** The mode a guard checks in: its own (asked for, or the instance default), raised to the path's rule. */
export function guardMode(route: RouteDecision, own: VerifyMode): VerifyMode {
  // A malformed path is denied by the guard's caller; its own mode stands here.
  return route.kind === 'matched' ? stricterMode(own, route.route.verify) : own;
}
