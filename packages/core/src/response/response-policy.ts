// Turns an auth decision into the response a request of its kind can handle (DESIGN §3.6).
import type { CookiePlan } from '../cookies/cookie-write.js';
import type { RedirectOutcome, RespondOutcome } from '../outcome.js';
import type { RequestKind } from '../request/request-kind.js';
import type { AnonymousReason, UnavailableCause } from '../session/session.js';
import { decidedResponseHeaders } from './response-headers.js';

/** Seconds a client is told to wait while the auth server is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

/** Where a login redirect points and how it carries the page to come back to. */
export interface LoginTarget {
  /** Login path including any basePath, e.g. `/login`. */
  readonly loginPath: string;
  /** Query parameter that carries the return-to value. */
  readonly returnToParam: string;
}

/** 307 keeps a GET a GET; anything else becomes a GET at the target (303), so no body is replayed at the login page. */
export function redirectStatus(method: string): 303 | 307 {
  return method === 'GET' || method === 'HEAD' ? 307 : 303;
}

/**
 * The response for a request that needs a session and has none: documents are redirected to the
 * login page with the current path and query as return-to; data requests get 401 JSON with
 * `WWW-Authenticate`, which `fetch` callers can handle (an HTML redirect would be followed silently).
 *
 * @example
 * denyUnauthenticated({ kind: 'document', method: 'GET', target: '/dashboard', reason: 'no_session', cookies, login });
 * // → { kind: 'redirect', location: '/login?next=%2Fdashboard', status: 307, ... }
 */
export function denyUnauthenticated(input: {
  readonly kind: Exclude<RequestKind, 'action'>;
  readonly method: string;
  /** Path and query of the denied request (basePath included). */
  readonly target: string;
  readonly reason: AnonymousReason;
  readonly cookies: CookiePlan;
  readonly login: LoginTarget;
  /** The request sent a Bearer token that did not pass: the challenge says `error="invalid_token"` (RFC 6750 §3.1). */
  readonly bearer?: boolean;
}): RedirectOutcome | RespondOutcome {
  if (input.kind === 'data') {
    const challenge = input.bearer === true ? 'Bearer realm="lockstep", error="invalid_token"' : 'Bearer realm="lockstep"';
    return {
      kind: 'respond',
      status: 401,
      format: 'json',
      body: { error: 'unauthorized', reason: input.reason },
      cookies: input.cookies,
      headers: decidedResponseHeaders(input.cookies, [['WWW-Authenticate', challenge]]),
    };
  }
  const query = new URLSearchParams({ [input.login.returnToParam]: input.target });
  return {
    kind: 'redirect',
    location: `${input.login.loginPath}?${query.toString()}`,
    status: redirectStatus(input.method),
    reason: 'unauthenticated',
    cookies: input.cookies,
    headers: decidedResponseHeaders(input.cookies),
  };
}

/**
 * The response while the auth server cannot renew an expired session: 503 with `Retry-After`,
 * the cookies untouched (the plan carries no writes), never a redirect to login (DESIGN §3.3).
 */
export function respondUnavailable(kind: RequestKind, cause: UnavailableCause, cookies: CookiePlan): RespondOutcome {
  return {
    kind: 'respond',
    status: 503,
    format: kind === 'document' ? 'text' : 'json',
    body: { error: 'auth_unavailable', reason: cause },
    cookies,
    headers: decidedResponseHeaders(cookies, [['Retry-After', String(RETRY_AFTER_SECONDS)]]),
  };
}

/** The response for a path that cannot be canonicalized: 400, never a pass (DESIGN §3.2). */
export function respondBadPath(reason: string, cookies: CookiePlan): RespondOutcome {
  return {
    kind: 'respond',
    status: 400,
    format: 'json',
    body: { error: 'bad_request', reason },
    cookies,
    headers: decidedResponseHeaders(cookies),
  };
}

/** Refuses a state-changing auth request another site sent (login CSRF); nothing changes. */
export function respondCrossSite(cookies: CookiePlan): RespondOutcome {
  return {
    kind: 'respond',
    status: 403,
    format: 'json',
    body: { error: 'forbidden', reason: 'cross_site_request' },
    cookies,
    headers: decidedResponseHeaders(cookies),
  };
}

/** Sends the browser on after a sign-in, a sign-out, or a signed-in visit to an auth page (location already validated). */
export function redirectSignedIn(method: string, location: string, cookies: CookiePlan, reason: RedirectOutcome['reason'] = 'signed_in_on_auth_page'): RedirectOutcome {
  return {
    kind: 'redirect',
    location,
    status: redirectStatus(method),
    reason,
    cookies,
    headers: decidedResponseHeaders(cookies),
  };
}
