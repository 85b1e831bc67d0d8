// The response to a signed-in user whose session does not meet a route's requirements (RFC 9470 step-up, or 403).
import type { UnmetRequirement } from '../assurance/unmet-requirement.js';
import type { CookiePlan } from '../cookies/cookie-write.js';
import type { RedirectOutcome, RespondOutcome } from '../outcome.js';
import type { RequestKind } from '../request/request-kind.js';
import { decidedResponseHeaders } from './response-headers.js';
import { redirectStatus } from './response-policy.js';

/** The pages a person is sent to (basePath included); null: answered in place with a status. */
export interface RequirementPages {
  /** Where a user proves a second factor or signs in again; gets `next` and `requirement` in its query. */
  readonly stepUpPath: string | null;
  /** Where a user without a verified factor sets one up (instead of the step-up page). */
  readonly enrolPath: string | null;
  /** Where a user without the role or claims is sent; without it documents get a 403 page. */
  readonly forbiddenPath: string | null;
  readonly returnToParam: string;
}

/**
 * Step-up (`aal`, `recent_sign_in`): data requests get 401 with
 * `WWW-Authenticate: Bearer error="insufficient_user_authentication"` and `acr_values="aal2"` or
 * `max_age` (RFC 9470); pages go to the step-up (or enrolment) page with return-to.
 * Forbidden (`roles`, `claims`): 403 JSON for data; pages go to `forbiddenPath` or get a 403.
 * Never a login redirect: the user is signed in, and the login page would send them straight back.
 *
 * @example
 * denyRequirement({ kind: 'data', method: 'GET', target: '/api/billing', unmet, cookies, pages });
 */
export function denyRequirement(input: {
  readonly kind: RequestKind;
  readonly method: string;
  /** Path and query of the denied request (basePath included). */
  readonly target: string;
  readonly unmet: UnmetRequirement;
  readonly cookies: CookiePlan;
  readonly pages: RequirementPages;
}): RedirectOutcome | RespondOutcome {
  const { kind, unmet, cookies, pages } = input;
  if (unmet.response === 'forbidden') {
    const reason = unmet.requirement === 'roles' ? 'insufficient_role' : 'insufficient_claims';
    if (kind !== 'data' && pages.forbiddenPath !== null) return redirectTo(pages.forbiddenPath, input, 'forbidden', unmet.requirement);
    return respond(403, kind, { error: 'forbidden', reason, requirement: unmet.requirement }, cookies, []);
  }
  const page = unmet.requirement === 'aal' && unmet.enrol && pages.enrolPath !== null ? pages.enrolPath : pages.stepUpPath;
  if (kind !== 'data' && page !== null) return redirectTo(page, input, 'step_up', unmet.requirement);
  const challenge = unmet.requirement === 'aal' ? 'acr_values="aal2"' : `max_age=${String(unmet.maxAge)}`;
  return respond(401, kind, { error: 'unauthorized', reason: 'insufficient_user_authentication', requirement: unmet.requirement }, cookies, [
    ['WWW-Authenticate', `Bearer realm="lockstep", error="insufficient_user_authentication", ${challenge}`],
  ]);
}

function redirectTo(page: string, input: { readonly method: string; readonly target: string; readonly cookies: CookiePlan; readonly pages: RequirementPages }, reason: 'step_up' | 'forbidden', requirement: UnmetRequirement['requirement']): RedirectOutcome {
  const query = new URLSearchParams({ [input.pages.returnToParam]: input.target, requirement });
  return { kind: 'redirect', location: `${page}?${query.toString()}`, status: redirectStatus(input.method), reason, requirement, cookies: input.cookies, headers: decidedResponseHeaders(input.cookies) };
}

function respond(status: 401 | 403, kind: RequestKind, body: RespondOutcome['body'], cookies: CookiePlan, extra: RespondOutcome['headers']): RespondOutcome {
  return { kind: 'respond', status, format: kind === 'data' ? 'json' : 'text', body, cookies, headers: decidedResponseHeaders(cookies, extra) };
}
