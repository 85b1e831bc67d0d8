// A request's decision as data (the `request.decided` event, the debug header): rule, access, mode, session, outcome, reason.
import type { RequestDecision, SessionSource } from '../events.js';
import type { Outcome } from '../outcome.js';
import type { RouteDecision, RouteMatch } from '../routes/route-policy.js';
import type { AuthState } from '../session/session.js';

/**
 * Describes what the middleware decided. Never the request's path (it may carry an email or an
 * id): the rule's label stands for it.
 *
 * @example
 * describeDecision(route, auth, outcome, 'refreshed'); // { rule: 'rules[1] /admin/**', access: 'protected', … }
 */
export function describeDecision(route: RouteDecision, auth: AuthState, outcome: Outcome, session: SessionSource): RequestDecision {
  const matched = route.kind === 'matched' ? route.route : null;
  return {
    rule: matched === null ? 'none (malformed path)' : ruleLabel(matched),
    access: matched?.access ?? 'none',
    verify: matched === null || !matched.session ? 'none' : matched.verify,
    session,
    outcome: outcome.kind,
    status: outcome.kind === 'continue' ? 0 : outcome.status,
    reason: outcomeReason(auth, outcome),
  };
}

/** `rules[2] /admin/**` for a rule of the table, `implicit /login` for one Lockstep adds, `default` for deny-by-default. */
export function ruleLabel(route: RouteMatch): string {
  if (route.ruleIndex !== null) return `rules[${String(route.ruleIndex)}] ${route.pattern ?? ''}`.trimEnd();
  return route.pattern === null ? 'default (no rule matched: protected)' : `implicit ${route.pattern}`;
}

/** A stable code for what the auth state was, as a reason. */
export function authReason(auth: AuthState): string {
  switch (auth.kind) {
    case 'authenticated':
      return 'authenticated';
    case 'anonymous':
      return auth.reason;
    case 'unavailable':
      return `unavailable_${auth.cause}`;
  }
}

function outcomeReason(auth: AuthState, outcome: Outcome): string {
  switch (outcome.kind) {
    case 'continue':
      return authReason(auth);
    case 'redirect':
      if (outcome.requirement !== undefined) return `${outcome.reason}:${outcome.requirement}`;
      return outcome.reason === 'unauthenticated' ? authReason(auth) : outcome.reason;
    case 'respond':
      return outcome.body.requirement === undefined ? outcome.body.reason : `${outcome.body.reason}:${outcome.body.requirement}`;
  }
}
