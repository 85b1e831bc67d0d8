// Decides a path for a router that ignores case: the strictest of every reading the router may make of it.
import { CASE_FOLDS, hasAsciiCapital, isAscii } from './case-folding.js';
import { createPathCanonicalizer } from './canonical-path.js';
import { toRouteMatch } from './evaluate-rules.js';
import { evaluateIndexed, type RuleTable } from './rule-index.js';
import type { RouteMatch } from './route-decision.js';
import type { VerifyMode } from './route-rule.js';
import { splitCanonicalPath } from './segment-glob.js';
import { stricterRoute } from './stricter-route.js';

/** Decides one canonical (basePath-stripped) path; `rawPath` is what the request carried. */
export type PathDecider = (canonicalPath: string, rawPath: string) => RouteMatch;

/**
 * Builds the decider for `caseSensitive: false`. For each path it takes the strictest of:
 * - the exact match (what a case-sensitive router, or a route marked case-sensitive, dispatches);
 * - the match with segments and glob literals folded by each scheme of `CASE_FOLDS` (only the
 *   ASCII one when path and table are ASCII, none when neither has a capital letter);
 * - the same again on the path with the basePath stripped in another case (React Router compares
 *   its `basename` with `toLowerCase()`, so `/DOCS/admin` is `/admin` to it).
 *
 * Why the strictest and not one guess: a router dispatches the path to the route of one of these
 * readings, and each reading's rule is the rule of that route. Whichever one the router takes,
 * the decision is at least as strict as the rule of the route that answers (fail closed).
 */
export function createCaseInsensitiveDecider(
  table: RuleTable,
  defaultVerify: VerifyMode,
  basePath: string,
  trailingSlash: 'ignore' | 'strict',
): PathDecider {
  const literals = table.rules.flatMap((rule) =>
    rule.matchers.flatMap((matcher) =>
      matcher.kind === 'glob'
        ? matcher.glob.tokens.flatMap((token) => (token.kind === 'literal' ? [token.segment] : []))
        : [],
    ),
  );
  const tableIsAscii = literals.every(isAscii);
  const tableHasCapital = literals.some(hasAsciiCapital);
  const allFolds = CASE_FOLDS.map((_, index) => index);

  const decideStripped = (path: string): RouteMatch => {
    let route = toRouteMatch(evaluateIndexed(table, path), path, defaultVerify);
    const folds = !tableIsAscii || !isAscii(path) ? allFolds : tableHasCapital || hasAsciiCapital(path) ? [0] : [];
    for (const foldIndex of folds) {
      route = stricterRoute(route, toRouteMatch(evaluateIndexed(table, path, foldIndex), path, defaultVerify));
    }
    return route;
  };
  if (basePath === '') return decideStripped;

  const canonicalizeFull = createPathCanonicalizer({ trailingSlash });
  const baseSegments = splitCanonicalPath(basePath);
  return (canonicalPath, rawPath) => {
    let route = decideStripped(canonicalPath);
    const full = canonicalizeFull(rawPath);
    if (full.kind === 'malformed') return route;
    const segments = splitCanonicalPath(full.path);
    const head = segments.slice(0, baseSegments.length);
    if (head.length < baseSegments.length || head.join('/') === baseSegments.join('/')) return route;
    const sameIgnoringCase = CASE_FOLDS.some((fold) => head.every((segment, i) => fold(segment) === fold(baseSegments[i] ?? '')));
    if (!sameIgnoringCase) return route;
    const rest = segments.slice(baseSegments.length);
    const stripped = rest.length === 0 || (rest.length === 1 && rest[0] === '') ? '/' : `/${rest.join('/')}`;
    route = stricterRoute(route, decideStripped(stripped));
    return route;
  };
}
