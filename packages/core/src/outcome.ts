// The one value the core hands an adapter per request: continue, redirect or respond.
import type { RequirementName } from './assurance/unmet-requirement.js';
import type { CookiePlan } from './cookies/cookie-write.js';
import type { RouteMatch } from './routes/route-rule.js';
import type { AuthState } from './session/session.js';

/** A header the adapter must set on the outgoing response (name, value). */
export type HeaderEntry = readonly [name: string, value: string];

/** JSON body of every response the core renders itself. No token or cookie value ever appears. */
export interface ErrorBody {
  readonly error: 'unauthorized' | 'forbidden' | 'bad_request' | 'auth_unavailable';
  readonly reason: string;
  /** The route requirement a signed-in session failed (`aal`, `recent_sign_in`, `roles`, `claims`). */
  readonly requirement?: RequirementName;
}

interface OutcomeBase {
  /** Cookie writes (refreshes and deletions) the adapter applies to whatever response leaves. */
  readonly cookies: CookiePlan;
  /** Further response headers (no-store when cookies are written, `WWW-Authenticate`, `Lockstep-Debug` in debug mode, …). */
  readonly headers: readonly HeaderEntry[];
  /**
   * The request's correlation id (set while an `onEvent` hook or debug mode is on): adapters forward
   * it to the app as the `lockstep-request-id` request header so the server guards' events carry it too.
   */
  readonly requestId?: string;
}

/** Hand the request on to the app. */
export interface ContinueOutcome extends OutcomeBase {
  readonly kind: 'continue';
  readonly auth: AuthState;
  /** The rule that matched, or `null` for an ignored path (no session work done). */
  readonly route: RouteMatch | null;
  /** The `Cookie` header downstream code must see in this same request (after any refresh). */
  readonly requestCookieHeader: string;
}

/** Send the browser elsewhere (login, or on from an auth page). */
export interface RedirectOutcome extends OutcomeBase {
  readonly kind: 'redirect';
  /**
   * A same-origin path with query (basePath included). Relative on purpose: the request URL an app
   * sees behind a proxy may not carry the public origin. Adapters whose API needs an absolute URL
   * resolve it against their own request URL.
   */
  readonly location: string;
  /** 307 keeps GET/HEAD as they are; 303 turns any other method into a GET. */
  readonly status: 303 | 307;
  /** `step_up` / `forbidden`: a signed-in session failed a route requirement (see `denyRequirement`). */
  readonly reason: 'unauthenticated' | 'signed_in_on_auth_page' | 'signed_in' | 'signed_out' | 'step_up' | 'forbidden';
  /** With `step_up` / `forbidden`: which requirement failed. */
  readonly requirement?: RequirementName;
}

/** Answer the request directly (401/403 JSON for data requests, 503 while the auth server is down, 400 for a malformed path, 401/403 for an unmet route requirement). */
export interface RespondOutcome extends OutcomeBase {
  readonly kind: 'respond';
  readonly status: 400 | 401 | 403 | 503;
  readonly body: ErrorBody;
  /** `json` for data requests; `text` for documents, where raw JSON would be shown to a person. */
  readonly format: 'json' | 'text';
}

/**
 * The request's outcome. Every variant carries the cookie plan, so no path through an adapter
 * can drop a refreshed or cleared cookie (DESIGN §3.1).
 */
export type Outcome = ContinueOutcome | RedirectOutcome | RespondOutcome;
