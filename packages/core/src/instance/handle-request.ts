// The middleware operation: one request in, one Outcome out (DESIGN §3.1).
import { resolveBearer } from '../bearer/resolve-bearer.js';
import { userBearer } from '../bearer/user-bearer.js';
import { createCookiePlan } from '../cookies/cookie-write.js';
import { parseRequestCookies } from '../cookies/request-cookies.js';
import { decideOutcome } from '../decide-outcome.js';
import { emit, type EventHandler, type LockstepEventBody } from '../events.js';
import type { Outcome } from '../outcome.js';
import { classifyRequest, type RequestKind, type RequestKindHint } from '../request/request-kind.js';
import { borrowRequestRecord, type RequestLike } from '../request/request-record.js';
import { sessionCookieVariants } from '../cookies/session-cookie-variants.js';
import type { RouteDecision } from '../routes/route-policy.js';
import { resolveSessionAmong } from '../session/resolve-among.js';
import type { AuthState } from '../session/session.js';
import { annotateOutcome } from '../trace/annotate-outcome.js';
import { debugHeader } from '../trace/debug-header.js';
import { describeDecision } from '../trace/describe-decision.js';
import { startTrace, type RequestTrace } from '../trace/request-trace.js';
import type { LockstepContext } from './lockstep-context.js';

const NOT_CHECKED = Object.freeze({ kind: 'anonymous', reason: 'not_checked' } as const);

/** What a request was decided on, besides the outcome: for the decision's event and debug header. */
interface Decided {
  readonly outcome: Outcome;
  readonly route: RouteDecision;
  readonly auth: AuthState;
}

/**
 * Routes the request, resolves its session (refreshing at most once), and decides the outcome.
 * With an `onEvent` hook or debug mode on, the request is traced: its events carry one
 * `requestId`, it ends with `request.decided`, and the outcome carries the id (and, in debug mode,
 * the `Lockstep-Debug` header). Without either, nothing of this runs.
 */
export async function handleRequest(ctx: LockstepContext, input: RequestLike, hint?: RequestKindHint): Promise<Outcome> {
  if (ctx.onEvent === undefined && !ctx.debug) return (await decide(ctx, input, hint, undefined)).outcome;
  const trace = startTrace(ctx.onEvent);
  const { outcome, route, auth } = await decide(ctx, input, hint, trace);
  const decision = describeDecision(route, auth, outcome, trace.session());
  emit(trace.onEvent, { type: 'request.decided', durationMs: trace.elapsedMs(), ...decision });
  return annotateOutcome(outcome, trace.requestId, ctx.debug ? [debugHeader(decision, trace.requestId)] : []);
}

async function decide(ctx: LockstepContext, input: RequestLike, hint: RequestKindHint | undefined, trace: RequestTrace | undefined): Promise<Decided> {
  const onEvent: EventHandler | undefined = trace?.onEvent ?? ctx.onEvent;
  const now = ctx.now();
  // Borrowed headers: every header is read below, before the first `await`.
  const request = borrowRequestRecord(input);
  const cookieHeader = request.headers.get('cookie');
  const cookies = parseRequestCookies(cookieHeader);
  const route = ctx.routes.resolve(request.url.pathname);
  const unchanged = createCookiePlan(cookies, []);
  if (route.kind === 'malformed') {
    emit(onEvent, { type: 'route.malformed', reason: route.reason });
    return { route, auth: NOT_CHECKED, outcome: decideOutcome({ request, route, kind: 'document', auth: NOT_CHECKED, cookies: unchanged, now }, ctx.responsePolicy) };
  }
  const match = route.route;
  const api = ctx.isApi(match.canonicalPath);
  const kind = classifyRequest(request.headers, api, hint);
  if (!match.session) return { route, auth: NOT_CHECKED, outcome: decideOutcome({ request, route, kind, auth: NOT_CHECKED, cookies: unchanged, now }, ctx.responsePolicy) };
  // An API client's Bearer token: checked like a cookie's, never refreshed, nothing written; always a data request.
  const bearer = userBearer(ctx.bearer && api, request.headers, ctx.provider);
  if (bearer !== null) {
    const auth = await resolveBearer(ctx.provider, bearer, cookies, match.verify, now, onEvent);
    const outcome = decideOutcome({ request, route, kind: 'data', auth, cookies: unchanged, now, bearer: true }, ctx.responsePolicy);
    if (outcome.kind !== 'continue' && match.access === 'protected') emit(onEvent, deniedEvent(match.canonicalPath, 'data', outcome));
    return { route, auth, outcome };
  }

  const variants = sessionCookieVariants(cookieHeader, cookies, ctx.provider.cookieName);
  const origin = ctx.publicUrl(request); // reads X-Forwarded-* (with trustProxy): before the await
  const engine = trace === undefined ? ctx.engine : { ...ctx.engine, onEvent: trace.onEvent };
  // `read`: the reading of the cookies the session came from (the browser's own unless a duplicate won).
  const { auth, write, cookies: read } = await resolveSessionAmong(engine, variants.length === 0 ? [cookies] : [cookies, ...variants], match.verify, now);
  // Nothing to write on the browser's own reading (nearly every request): the plan made above serves.
  const plan =
    write.kind === 'keep'
      ? read === cookies
        ? unchanged
        : createCookiePlan(read, [])
      : createCookiePlan(read, ctx.provider.planWrite(read, write.kind === 'write' ? write.session : null, ctx.cookieAttributes(origin), now));
  const outcome = decideOutcome({ request, route, kind, auth, cookies: plan, now }, ctx.responsePolicy);
  if (outcome.kind !== 'continue' && match.access === 'protected') emit(onEvent, deniedEvent(match.canonicalPath, kind, outcome));
  return { route, auth, outcome };
}

/** `route.denied`: how a protected route was refused, and which requirement a signed-in session failed. */
function deniedEvent(path: string, requestKind: RequestKind, outcome: Exclude<Outcome, { kind: 'continue' }>): LockstepEventBody {
  const requirement = outcome.kind === 'redirect' ? outcome.requirement : outcome.body.requirement;
  const forbidden = outcome.kind === 'redirect' ? outcome.reason === 'forbidden' : outcome.status === 403;
  const plain = outcome.kind === 'redirect' ? 'redirect' : outcome.status === 503 ? 'unavailable' : 'unauthorized';
  const response = requirement === undefined ? plain : forbidden ? 'forbidden' : 'step_up';
  return { type: 'route.denied', path, access: 'protected', requestKind, response, ...(requirement === undefined ? {} : { requirement }) };
}
