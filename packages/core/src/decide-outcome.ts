// The response policy as one pure function: (route, request kind, auth state, cookie plan) → Outcome.
import type { CookiePlan } from './cookies/cookie-write.js';
import type { Outcome } from './outcome.js';
import type { RequestRecord } from './request/request-record.js';
import type { RequestKind } from './request/request-kind.js';
import { unmetRequirement, type AssuranceReaders } from './assurance/unmet-requirement.js';
import { denyRequirement, type RequirementPages } from './response/deny-requirement.js';
import { denyUnauthenticated, redirectSignedIn, respondBadPath, respondUnavailable, type LoginTarget } from './response/response-policy.js';
import { sanitizeReturnTo } from './response/return-to.js';
import type { RouteDecision } from './routes/route-policy.js';
import type { AuthState } from './session/session.js';

/** The parts of the resolved options the response policy reads. */
export interface ResponsePolicyOptions {
  readonly login: LoginTarget;
  /** Where a signed-in user on an auth page goes when no valid return-to is given (basePath included). */
  readonly afterSignInPath: string;
  /** True when a same-origin path (basePath included) lands on an auth page: never a return-to target. */
  readonly isAuthPage: (path: string) => boolean;
  /** Where a session that fails a route requirement is sent. */
  readonly requirementPages: RequirementPages;
  /** How roles and factors are read for route requirements. */
  readonly assurance: AssuranceReaders;
}

/** Everything the decision depends on, already computed. */
export interface DecisionInput {
  readonly request: RequestRecord;
  readonly route: RouteDecision;
  readonly kind: RequestKind;
  readonly auth: AuthState;
  readonly cookies: CookiePlan;
  /** Unix seconds: for `recentSignIn` requirements. */
  readonly now: number;
  /** The request presented a Bearer token (an API client): a denial challenges it with `invalid_token`. */
  readonly bearer?: boolean;
}

/**
 * Decides what happens to a request once its session is known. Pure: the same input always gives
 * the same outcome, and every outcome carries `input.cookies`, so no branch drops a cookie write.
 *
 * - malformed path → 400; ignored path → continue untouched;
 * - public → continue (with whatever session there is);
 * - auth page → a signed-in GET/HEAD navigation is sent on to its return-to (or the default);
 * - protected → continue when authenticated and the route's requirements are met (otherwise a
 *   step-up or 403, see `denyRequirement`); without a session 503 while the auth server is
 *   unavailable, a login redirect for documents and framework actions, 401 JSON for data.
 *
 * @example
 * const outcome = decideOutcome({ request, route: policy.resolve(path), kind, auth, cookies }, responseOptions);
 */
export function decideOutcome(input: DecisionInput, options: ResponsePolicyOptions): Outcome {
  const { request, route, kind, auth, cookies } = input;
  if (route.kind === 'malformed') return respondBadPath(route.reason, cookies);
  const proceed: Outcome = {
    kind: 'continue',
    auth,
    route: route.route,
    // Read through: a plan without writes renders its header only when an adapter asks for it.
    get requestCookieHeader(): string {
      return cookies.requestCookieHeader;
    },
    cookies,
    headers: cookies.headers,
  };

  switch (route.route.access) {
    case 'ignore':
    case 'public':
      return proceed;
    case 'authPage': {
      const navigation = kind === 'document' && (request.method === 'GET' || request.method === 'HEAD');
      if (auth.kind !== 'authenticated' || !navigation) return proceed;
      const location = signedInTarget(request.url, options);
      // Loop guard: never redirect a request to itself.
      if (location === request.url.pathname + request.url.search) return proceed;
      return redirectSignedIn(request.method, location, cookies);
    }
    case 'protected': {
      if (auth.kind === 'authenticated') {
        const requirements = route.route.requirements;
        const unmet = requirements === null ? null : unmetRequirement(requirements, auth, input.now, options.assurance);
        if (unmet === null) return proceed;
        return denyRequirement({ kind, method: request.method, target: request.url.pathname + request.url.search, unmet, cookies, pages: options.requirementPages });
      }
      // A header never lowers protection: anyone can send `Next-Action`. A framework action is denied
      // like a page (a 303 to login, which the adapter renders in the framework's own action-redirect
      // form), so it never reaches protected code without a session (DESIGN §5.1).
      if (auth.kind === 'unavailable') return respondUnavailable(kind, auth.cause, cookies);
      return denyUnauthenticated({
        kind: kind === 'action' ? 'document' : kind,
        method: request.method,
        target: request.url.pathname + request.url.search,
        reason: auth.reason,
        cookies,
        login: options.login,
        ...(input.bearer === true ? { bearer: true } : {}),
      });
    }
  }
}

/** The validated return-to of an auth page, unless it points back at an auth page (a redirect loop). */
function signedInTarget(url: URL, options: ResponsePolicyOptions): string {
  const requested = sanitizeReturnTo(url.searchParams.get(options.login.returnToParam));
  if (requested === null) return options.afterSignInPath;
  const path = requested.split('?')[0] ?? requested;
  return options.isAuthPage(path) ? options.afterSignInPath : requested;
}
