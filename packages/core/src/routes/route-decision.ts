// What the route policy answers for a path: the decision used per request and the debug explanation.
import type { MalformedPathReason } from './canonical-path.js';
import type { Requirements } from './route-requirements.js';
import type { RouteAccess, VerifyMode } from './route-rule.js';

/** The rule that decided a path, with every default applied. */
export interface RouteMatch {
  access: RouteAccess;
  verify: VerifyMode;
  /** Whether the session is read/refreshed (always true for protected and authPage, false for ignore). */
  session: boolean;
  /** Index into `rules`; null for deny-by-default, an implicit rule, or a fail-closed predicate error. */
  ruleIndex: number | null;
  /** The pattern that matched (canonical form for strings); null for deny-by-default. */
  pattern: string | null;
  /** The canonical path the rules were matched against (basePath stripped). */
  canonicalPath: string;
  /** What a protected route asks of the verified session beyond being signed in; null for none. */
  requirements: Requirements | null;
}

/** `malformed` is answered with a 400 upstream: a path without a canonical form never passes. */
export type RouteDecision =
  | { kind: 'matched'; route: RouteMatch }
  | { kind: 'malformed'; reason: MalformedPathReason };

/** One rule tried by `explain()`, in table order (user rules, then the implicit ones). */
export interface RouteRuleTrial {
  /** `rules[2]`, or which implicit rule it is. */
  rule: string;
  ruleIndex: number | null;
  access: RouteAccess;
  patterns: readonly string[];
  /** `error`: a predicate or RegExp threw, or a predicate returned a non-boolean. */
  result: 'matched' | 'no_match' | 'error';
  /** The pattern that matched or failed; null when none did. */
  pattern: string | null;
}

/** Printable account of how a path was decided; `reason` is one line for a log or a terminal. */
export type RouteExplanation =
  | {
      kind: 'matched';
      rawPath: string;
      canonicalPath: string;
      tried: readonly RouteRuleTrial[];
      route: RouteMatch;
      reason: string;
    }
  | {
      kind: 'malformed';
      rawPath: string;
      malformed: MalformedPathReason;
      tried: readonly RouteRuleTrial[];
      reason: string;
    };
