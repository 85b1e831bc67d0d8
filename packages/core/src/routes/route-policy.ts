// The route policy: the compiled rule table that decides, per request path, what access it needs.
import { LockstepError } from '../errors.js';
import { createPathReader, type PathReading } from './canonical-path.js';
import { createCaseInsensitiveDecider } from './case-insensitive-decider.js';
import { compileRules } from './compile-rules.js';
import { describeEvaluation, evaluateRules, toRouteMatch } from './evaluate-rules.js';
import { alternativeReadings } from './path-readings.js';
import { describeRequirements } from './route-requirements.js';
import { compileImplicitRules } from './implicit-rules.js';
import type { RouteDecision, RouteExplanation, RouteMatch, RouteRuleTrial } from './route-decision.js';
import type { RouteRule, VerifyMode } from './route-rule.js';
import { createRuleTable, evaluateIndexed } from './rule-index.js';
import { stricterRoute } from './stricter-route.js';

export type { RouteDecision, RouteExplanation, RouteMatch, RouteRuleTrial } from './route-decision.js';

export interface RoutePolicyOptions {
  /** The ordered route table. First match wins; a path no rule matches is protected. */
  rules: readonly RouteRule[];
  /** Verify mode of rules that name none, and of deny-by-default. Never `session`. */
  defaultVerify: Exclude<VerifyMode, 'session'>;
  /**
   * The login page, relative to `basePath` like every pattern: canonical, no query. It gets an
   * implicit `authPage` rule after the user's rules, which must not make it protected or ignored.
   */
  loginPath: string;
  /** Mount point of the app (e.g. `/docs`), stripped before matching. @default none */
  basePath?: string;
  /** @default 'ignore' (`/a/` is `/a`) */
  trailingSlash?: 'ignore' | 'strict';
  /**
   * Whether the framework's router tells `/Admin` from `/admin`. `true`: rules match exactly, as
   * Hono and Next.js route. `false` (React Router, whose matcher ignores case): a path is decided by
   * the strictest of its case-sensitive match and its case-insensitive matches under every folding
   * scheme a router may use (see `CASE_FOLDS`), and the basePath is also recognized in any case.
   * It never decides a path more weakly than `true` would, so it is the safe default.
   * @default false
   */
  caseSensitive?: boolean;
  /** Paths the sign-in flow needs without a session (e.g. the auth callback): implicit public rules. @default [] */
  implicitPublic?: readonly string[];
}

export interface RoutePolicy {
  /** Decides a raw, still percent-encoded pathname. Never throws. */
  resolve(rawPath: string): RouteDecision;
  /** The same decision, with the canonical path and each rule tried: for debugging, not per request. */
  explain(rawPath: string): RouteExplanation;
}

/**
 * Compiles and validates the route table once. Per request, `resolve` canonicalizes the path (see
 * `canonicalizePath`) and returns the first matching rule; no match means `protected` with
 * `defaultVerify` (deny by default), and a malformed path is `malformed` (a 400 upstream, never a
 * pass). With `caseSensitive: true` matching is exact; otherwise the strictest of the exact and
 * every case-insensitive reading decides (see `caseSensitive`). A predicate or RegExp that throws, or a predicate that returns
 * a non-boolean, makes the path `protected` (fail closed) at no weaker verify mode than its rule's.
 *
 * @throws {LockstepError} `ERR_CONFIG_*` on misconfiguration: bad pattern, shadowed rule,
 * unreachable login path, bad verify mode, non-canonical `loginPath` or `basePath`.
 * @example
 * const policy = createRoutePolicy({
 *   rules: [
 *     { match: ['/', '/blog/*'], access: 'public' },
 *     { match: '/_next/static/**', access: 'ignore' },
 *     { match: '/admin/**', access: 'protected', verify: 'user' },
 *   ],
 *   defaultVerify: 'claims',
 *   loginPath: '/login',
 *   implicitPublic: ['/auth/callback'],
 * });
 * policy.resolve('/admin/%2e%2e/admin/users'); // matched: protected, verify 'user', pattern '/admin/**'
 * console.log(policy.explain('/Admin').reason); // no rule matched: protected by default (…)
 */
export function createRoutePolicy(options: RoutePolicyOptions): RoutePolicy {
  if (typeof options !== 'object' || options === null) {
    throw new LockstepError('ERR_CONFIG_INVALID', 'createRoutePolicy needs an options object.');
  }
  const defaultVerify = options.defaultVerify as unknown;
  if (defaultVerify !== 'claims' && defaultVerify !== 'user') {
    throw new LockstepError(
      'ERR_CONFIG_VERIFY_MODE',
      defaultVerify === 'session'
        ? 'defaultVerify must not be "session": trusting an unverified cookie is only allowed where a rule opts in.'
        : 'defaultVerify must be "claims" or "user".',
    );
  }
  const trailingSlash = (options.trailingSlash as unknown) ?? 'ignore';
  if (trailingSlash !== 'ignore' && trailingSlash !== 'strict') {
    throw new LockstepError('ERR_CONFIG_INVALID', 'trailingSlash must be "ignore" or "strict".');
  }
  const caseSensitive = (options.caseSensitive as unknown) ?? false;
  if (typeof caseSensitive !== 'boolean') {
    throw new LockstepError('ERR_CONFIG_INVALID', 'caseSensitive must be true or false.');
  }
  const basePath = options.basePath ?? '';
  const canonicalize = createPathReader({ basePath, trailingSlash });
  const userRules = compileRules(options.rules, defaultVerify, trailingSlash);
  const rules = Object.freeze([
    ...userRules,
    ...compileImplicitRules(userRules, options.loginPath, options.implicitPublic, defaultVerify, trailingSlash),
  ]);
  // Per request only the rules a path's first segment can match are tried (explain tries them all).
  const table = createRuleTable(rules);
  const decidePath = caseSensitive
    ? (path: string) => toRouteMatch(evaluateIndexed(table, path), path, defaultVerify)
    : createCaseInsensitiveDecider(table, defaultVerify, basePath, trailingSlash);
  // Routers read some paths otherwise than the canonical form (`//` kept, `%2F` as a separator):
  // the strictest of all readings decides; the route reports the canonical path.
  const reread = createPathReader({ trailingSlash });
  const decide = (reading: Extract<PathReading, { kind: 'ok' }>, rawPath: string): RouteMatch => {
    let route = decidePath(reading.path, rawPath);
    for (const path of alternativeReadings(reading, reread)) route = stricterRoute(route, decidePath(path, rawPath));
    return route.canonicalPath === reading.path ? route : { ...route, canonicalPath: reading.path };
  };

  const resolve = (rawPath: string): RouteDecision => {
    const canonical = canonicalize(rawPath);
    if (canonical.kind === 'malformed') return canonical;
    return { kind: 'matched', route: decide(canonical, rawPath) };
  };

  const explain = (rawPath: string): RouteExplanation => {
    const canonical = canonicalize(rawPath);
    if (canonical.kind === 'malformed') {
      return {
        kind: 'malformed',
        rawPath,
        malformed: canonical.reason,
        tried: [],
        reason: `malformed path (${canonical.reason}): rejected with 400 before any rule is tried`,
      };
    }
    const tried: RouteRuleTrial[] = [];
    const evaluation = evaluateRules(rules, canonical.path, tried);
    const exact = toRouteMatch(evaluation, canonical.path, defaultVerify);
    const route = decide(canonical, rawPath);
    const reason = describeEvaluation(evaluation, exact);
    return {
      kind: 'matched',
      rawPath,
      canonicalPath: canonical.path,
      tried,
      route,
      reason: sameRoute(route, exact) ? reason : `${reason}; ${describeStricterReading(route)}`,
    };
  };

  return Object.freeze({ resolve, explain });
}

function sameRoute(a: RouteMatch, b: RouteMatch): boolean {
  return a.access === b.access && a.verify === b.verify && a.session === b.session && a.ruleIndex === b.ruleIndex && a.pattern === b.pattern && a.requirements === b.requirements;
}

/** The clause `explain()` appends when another reading of the path (see `alternativeReadings`, `caseSensitive`) decided it more strictly. */
function describeStricterReading(route: RouteMatch): string {
  const rule = route.pattern === null ? 'deny by default' : `pattern "${route.pattern}"`;
  return (
    'another reading of the path that a router may make (case-insensitive, `//` kept, escapes as sent, ' +
    `\`%2F\` as a separator) is decided more strictly, by ${rule}: ${route.access}, verify: ${route.verify}` +
    (route.requirements === null ? '' : `, requires ${describeRequirements(route.requirements)}`)
  );
}
