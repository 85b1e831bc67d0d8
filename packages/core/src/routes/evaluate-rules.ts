// Runs the compiled rule table against one canonical path: first match wins, everything else is denied.
import { CASE_FOLDS } from './case-folding.js';
import { matchRule, type CompiledRule } from './compile-rules.js';
import type { RouteMatch, RouteRuleTrial } from './route-decision.js';
import { describeRequirements } from './route-requirements.js';
import type { VerifyMode } from './route-rule.js';
import { splitCanonicalPath } from './segment-glob.js';

/** How the table decided: a rule matched, none did, or a pattern failed (and we fail closed). */
export type RuleEvaluation =
  | { kind: 'rule'; rule: CompiledRule; pattern: string }
  | { kind: 'default' }
  | { kind: 'error'; rule: CompiledRule; pattern: string };

/**
 * Tries the rules in order and stops at the first match or the first failing pattern. When `trace`
 * is given, each rule tried is appended to it (explain mode); `resolve` passes none and allocates
 * nothing per rule.
 *
 * `foldIndex` selects a case-insensitive view (a scheme of `CASE_FOLDS`): segments and glob
 * literals are compared folded, and RegExp and predicate patterns see the path lower-cased.
 */
export function evaluateRules(
  rules: readonly CompiledRule[],
  canonicalPath: string,
  trace?: RouteRuleTrial[],
  foldIndex?: number,
): RuleEvaluation {
  const fold = foldIndex === undefined ? undefined : CASE_FOLDS[foldIndex];
  const segments = fold === undefined ? splitCanonicalPath(canonicalPath) : splitCanonicalPath(canonicalPath).map(fold);
  const opaquePath = fold === undefined ? canonicalPath : canonicalPath.toLowerCase();
  for (const rule of rules) {
    const result = matchRule(rule, opaquePath, segments, fold === undefined ? undefined : foldIndex);
    trace?.push({
      rule: rule.name,
      ruleIndex: rule.ruleIndex,
      access: rule.access,
      patterns: rule.matchers.map((matcher) => matcher.label),
      result: result.kind === 'match' ? 'matched' : result.kind,
      pattern: result.kind === 'no_match' ? null : result.pattern,
    });
    if (result.kind === 'match') return { kind: 'rule', rule, pattern: result.pattern };
    if (result.kind === 'error') return { kind: 'error', rule, pattern: result.pattern };
  }
  return { kind: 'default' };
}

const STRENGTH: Record<VerifyMode, number> = { session: 0, claims: 1, user: 2 };

/** Maps an evaluation onto the route it stands for. */
export function toRouteMatch(evaluation: RuleEvaluation, canonicalPath: string, defaultVerify: VerifyMode): RouteMatch {
  if (evaluation.kind === 'rule') {
    const { rule } = evaluation;
    return {
      access: rule.access,
      verify: rule.verify,
      session: rule.session,
      ruleIndex: rule.ruleIndex,
      pattern: evaluation.pattern,
      canonicalPath,
      requirements: rule.requirements,
    };
  }
  let verify = defaultVerify;
  let requirements = null;
  // A failing predicate must not weaken the check its own protected rule asked for.
  if (evaluation.kind === 'error' && evaluation.rule.access === 'protected') {
    const ruleVerify = evaluation.rule.verify;
    if (STRENGTH[ruleVerify] > STRENGTH[verify]) verify = ruleVerify;
    requirements = evaluation.rule.requirements;
  }
  return { access: 'protected', verify, session: true, ruleIndex: null, pattern: null, canonicalPath, requirements };
}

/** The one-line `reason` of `explain()`. */
export function describeEvaluation(evaluation: RuleEvaluation, route: RouteMatch): string {
  const how = describeRoute(route);
  if (evaluation.kind === 'default') return `no rule matched: protected by default (deny by default, ${how})`;
  if (evaluation.kind === 'error') {
    const { rule, pattern } = evaluation;
    return `${rule.name} pattern ${pattern} threw or returned a non-boolean: protected (fail closed, ${how})`;
  }
  return `matched ${evaluation.rule.name} (${route.access}, ${how}) by pattern "${evaluation.pattern}"`;
}

function describeRoute(route: RouteMatch): string {
  if (route.access === 'ignore') return 'no session work';
  if (route.access === 'authPage') return `signed-in users are sent on, verify: ${route.verify}`;
  if (route.access === 'public' && !route.session) return 'session not read';
  return route.requirements === null ? `verify: ${route.verify}` : `verify: ${route.verify}, requires ${describeRequirements(route.requirements)}`;
}
