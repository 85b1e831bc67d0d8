// The server-side guard as one decision (DESIGN §3.9): allowed with the verified user, or denied with the response to send.
import { createCookiePlan } from '../cookies/cookie-write.js';
import { parseRequestCookies } from '../cookies/request-cookies.js';
import type { RedirectOutcome, RespondOutcome } from '../outcome.js';
import { classifyRequest, type RequestKindHint } from '../request/request-kind.js';
import { toRequestRecord, type RequestLike } from '../request/request-record.js';
import { denyUnauthenticated, respondBadPath, respondUnavailable } from '../response/response-policy.js';
import type { VerifyMode } from '../routes/route-rule.js';
import type { AuthState } from '../session/session.js';
import type { LockstepContext } from './lockstep-context.js';
import { verifyRequest } from './verify-request.js';

/** How a guard checks: the verify mode, the framework's hint, and what the middleware established for this request. */
export interface GuardOptions {
  readonly mode?: VerifyMode;
  readonly hint?: RequestKindHint;
  /** The middleware's auth state for this same request, if any: only its `refreshed` flag is carried over, never trusted as proof. */
  readonly established?: AuthState;
}

/** `denied.outcome` is rendered like any outcome (`toWebResponse`); a guard never writes cookies. */
export type GuardResult =
  | { readonly kind: 'allowed'; readonly auth: Extract<AuthState, { kind: 'authenticated' }> }
  | { readonly kind: 'denied'; readonly auth: Exclude<AuthState, { kind: 'authenticated' }>; readonly outcome: RedirectOutcome | RespondOutcome };

/**
 * Re-verifies the request's session (never refreshing) and, when there is none, decides the same
 * response the middleware would: a login redirect for documents, 401 JSON for data requests, 503
 * while the auth server is unavailable. Framework actions get the data answer: they cannot follow
 * a redirect to a login page.
 *
 * @example
 * const result = await lockstep.guard(request, { mode: 'user' });
 * if (result.kind === 'denied') return toWebResponse(result.outcome);
 */
export async function guardRequest(ctx: LockstepContext, input: RequestLike, options: GuardOptions = {}): Promise<GuardResult> {
  const auth = await verifyRequest(ctx, input, options.mode);
  if (auth.kind === 'authenticated') {
    // Same token the middleware established in this request: keep its account of the refresh.
    const established = options.established;
    const refreshed = established?.kind === 'authenticated' && established.session.accessToken === auth.session.accessToken && established.refreshed;
    return { kind: 'allowed', auth: refreshed ? { ...auth, refreshed } : auth };
  }
  const request = toRequestRecord(input);
  const unchanged = createCookiePlan(parseRequestCookies(request.headers.get('cookie')), []);
  const route = ctx.routes.resolve(request.url.pathname);
  if (route.kind === 'malformed') return { kind: 'denied', auth, outcome: respondBadPath(route.reason, unchanged) };
  const classified = classifyRequest(request.headers, ctx.isApi(route.route.canonicalPath), options.hint);
  const kind = classified === 'action' ? 'data' : classified;
  if (auth.kind === 'unavailable') return { kind: 'denied', auth, outcome: respondUnavailable(kind, auth.cause, unchanged) };
  return {
    kind: 'denied',
    auth,
    outcome: denyUnauthenticated({ kind, method: request.method, target: request.url.pathname + request.url.search, reason: auth.reason, cookies: unchanged, login: ctx.responsePolicy.login }),
  };
}
