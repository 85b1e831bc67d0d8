// The server-side guard as one decision (DESIGN §3.9): allowed with the verified user, or denied with the response to send.
import { createCookiePlan } from '../cookies/cookie-write.js';
import { parseRequestCookies } from '../cookies/request-cookies.js';
import type { RedirectOutcome, RespondOutcome } from '../outcome.js';
import { unmetRequirement, type UnmetRequirement } from '../assurance/unmet-requirement.js';
import { LockstepError } from '../errors.js';
import { classifyRequest, type RequestKind, type RequestKindHint } from '../request/request-kind.js';
import { denyRequirement } from '../response/deny-requirement.js';
import { compileRequirements, mergeRequirements, type RouteRequirements } from '../routes/route-requirements.js';
import { toRequestRecord, type RequestLike } from '../request/request-record.js';
import { denyUnauthenticated, respondBadPath, respondUnavailable } from '../response/response-policy.js';
import type { VerifyMode } from '../routes/route-rule.js';
import type { AuthState } from '../session/session.js';
import type { LockstepContext } from './lockstep-context.js';
import { verifyGuardedRequest } from './verify-request.js';

/**
 * How a guard checks: the verify mode, requirements on top of the route's (`aal`, `recentSignIn`,
 * `roles`, `claims`), the framework's hint, and what the middleware established for this request.
 */
export interface GuardOptions extends RouteRequirements {
  readonly mode?: VerifyMode;
  readonly hint?: RequestKindHint;
  /** The middleware's auth state for this same request, if any: only its `refreshed` flag is carried over, never trusted as proof. */
  readonly established?: AuthState;
}

type Authenticated = Extract<AuthState, { kind: 'authenticated' }>;

/**
 * `denied.outcome` is rendered like any outcome (`toWebResponse`); a guard never writes cookies. A
 * signed-in user denied by a requirement comes with `unmet` (step-up or forbidden).
 */
export type GuardResult =
  | { readonly kind: 'allowed'; readonly auth: Authenticated }
  | { readonly kind: 'denied'; readonly auth: Exclude<AuthState, { kind: 'authenticated' }>; readonly unmet?: undefined; readonly outcome: RedirectOutcome | RespondOutcome }
  | { readonly kind: 'denied'; readonly auth: Authenticated; readonly unmet: UnmetRequirement; readonly outcome: RedirectOutcome | RespondOutcome };

/**
 * Re-verifies the request's session (never refreshing) and, when there is none, decides the same
 * response the middleware would: a login redirect for documents, 401 JSON for data requests, 503
 * while the auth server is unavailable. Framework actions get the data answer: they cannot follow
 * a redirect to a login page. A signed-in session must also meet the requirements of the path's
 * route and of `options` (both), or gets the step-up or 403 answer the middleware would give.
 *
 * @example
 * const result = await lockstep.guard(request, { mode: 'user' });
 * if (result.kind === 'denied') return toWebResponse(result.outcome);
 */
export async function guardRequest(ctx: LockstepContext, input: RequestLike, options: GuardOptions = {}): Promise<GuardResult> {
  const stated = compileRequirements(options as Readonly<Record<string, unknown>>, 'guard options');
  if (stated !== null && options.mode === 'session') {
    throw new LockstepError('ERR_CONFIG_VERIFY_MODE', 'A guard with requirements (aal, recentSignIn, roles, claims) checks verified claims: use mode "claims" or "user", not "session".');
  }
  const request = toRequestRecord(input);
  const { auth, route, bearer } = await verifyGuardedRequest(ctx, request, options.mode);
  const kindOf = (canonicalPath: string): Exclude<RequestKind, 'action'> => {
    const classified = classifyRequest(request.headers, ctx.isApi(canonicalPath), options.hint);
    return classified === 'action' ? 'data' : classified;
  };
  if (auth.kind === 'authenticated') {
    const requirements = mergeRequirements(stated, route.kind === 'matched' ? route.route.requirements : null);
    const unmet = requirements === null ? null : unmetRequirement(requirements, auth, ctx.now(), ctx.responsePolicy.assurance);
    if (unmet === null) {
      // Same token the middleware established in this request: keep its account of the refresh.
      const established = options.established;
      const refreshed = established?.kind === 'authenticated' && established.session.accessToken === auth.session.accessToken && established.refreshed;
      return { kind: 'allowed', auth: refreshed ? { ...auth, refreshed } : auth };
    }
    const unchanged = createCookiePlan(parseRequestCookies(request.headers.get('cookie')), []);
    const kind = kindOf(route.kind === 'matched' ? route.route.canonicalPath : request.url.pathname);
    const target = request.url.pathname + request.url.search;
    return { kind: 'denied', auth, unmet, outcome: denyRequirement({ kind, method: request.method, target, unmet, cookies: unchanged, pages: ctx.responsePolicy.requirementPages }) };
  }
  const unchanged = createCookiePlan(parseRequestCookies(request.headers.get('cookie')), []);
  if (route.kind === 'malformed') return { kind: 'denied', auth, outcome: respondBadPath(route.reason, unchanged) };
  const kind = kindOf(route.route.canonicalPath);
  if (auth.kind === 'unavailable') return { kind: 'denied', auth, outcome: respondUnavailable(kind, auth.cause, unchanged) };
  return {
    kind: 'denied',
    auth,
    outcome: denyUnauthenticated({ kind, method: request.method, target: request.url.pathname + request.url.search, reason: auth.reason, cookies: unchanged, login: ctx.responsePolicy.login, ...(bearer ? { bearer: true } : {}) }),
  };
}
