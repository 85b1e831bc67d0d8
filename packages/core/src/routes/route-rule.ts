// The shape of one route rule: what a user writes in the ordered route table.
import type { RouteRequirements } from './route-requirements.js';

/**
 * How a request's session is checked.
 * - `claims`: verify the access token locally (signature, `exp`, `iss`, `aud`).
 * - `user`: ask the auth server; sees revocation, costs a round trip.
 * - `session`: trust the cookie unverified. UI hints only, never authorization; a rule must opt in.
 */
export type VerifyMode = 'claims' | 'user' | 'session';

/**
 * What a rule matches, always tested against the canonical path (see `canonicalizePath`; basePath
 * stripped, `%` and `/` inside a segment written `%25` and `%2F`, case preserved):
 * - a string: an exact path or a segment glob (`*` = one segment, `**` = zero or more segments);
 * - a RegExp: tested against the canonical path; anchoring (`^…$`) is the caller's job;
 * - a predicate: called with the canonical path; a throw fails closed (the path is protected).
 */
export type PathPattern = string | RegExp | ((canonicalPath: string) => boolean);

/**
 * - `public`: no session needed (the session is still refreshed when a cookie is present).
 * - `protected`: a verified session is needed.
 * - `authPage`: login/sign-up pages; signed-in users are sent on.
 * - `ignore`: static assets; no session work at all.
 */
export type RouteAccess = 'public' | 'protected' | 'authPage' | 'ignore';

/**
 * One rule of the ordered route table. First match wins; a path no rule matches is protected.
 * A protected rule may also state requirements (`aal`, `recentSignIn`, `roles`, `claims`; see
 * `RouteRequirements`), checked on the verified claims: never in `session` mode.
 */
export interface RouteRule extends RouteRequirements {
  /** One pattern or a list of them; the rule matches when any of them does. */
  match: PathPattern | readonly PathPattern[];
  access: RouteAccess;
  /**
   * Verify mode for protected (and public) rules; `session` only where a rule opts in.
   * Not allowed on `ignore` and `authPage` rules.
   * @default the policy's `defaultVerify`
   */
  verify?: VerifyMode;
  /** public rules only: refresh/read the session when a cookie is present. @default true */
  session?: boolean;
}

// The resolved form of a rule lives with the decision; re-exported here for importers of rule types.
export type { RouteMatch } from './route-decision.js';
