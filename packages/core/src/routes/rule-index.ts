// The rule table indexed by first path segment, so a request tries only the rules that can match it.
import { CASE_FOLDS } from './case-folding.js';
import { matchRule, type CompiledRule } from './compile-rules.js';
import type { RuleEvaluation } from './evaluate-rules.js';
import { splitCanonicalPath } from './segment-glob.js';

/** The candidate rules of one view of the table (exact, or folded by one scheme of `CASE_FOLDS`). */
interface FirstSegmentIndex {
  /** Rules a path with this first segment can match, in table order. */
  readonly byFirst: ReadonlyMap<string, readonly CompiledRule[]>;
  /** Rules a path whose first segment is in no key can match: those not tied to one first segment. */
  readonly others: readonly CompiledRule[];
  /** Rules the path `/` (no segments) can match. */
  readonly root: readonly CompiledRule[];
}

/** A compiled table and its indexes; `evaluateIndexed` decides exactly as `evaluateRules` does. */
export interface RuleTable {
  readonly rules: readonly CompiledRule[];
  /** One index per view: `[exact, fold 0, fold 1, …]`, each built on first use. */
  readonly views: (FirstSegmentIndex | undefined)[];
}

/**
 * Indexes a compiled table. A rule is tied to the first segments its patterns start with when
 * every pattern is a glob starting with a literal (`/api/**`, `/blog/*`); a glob starting with
 * `*` or `**`, a RegExp or a predicate can match any path, so such a rule is a candidate for every
 * path, in its place. A rule that cannot match a path (every glob needs another first segment)
 * answers `no_match` for it, and skipping it changes nothing: the first match (or failing pattern)
 * among the candidates, in table order, is the first in the whole table.
 *
 * @example
 * const table = createRuleTable(rules);
 * evaluateIndexed(table, '/api/users'); // tries the `/api/…` rules and the unanchored ones only
 */
export function createRuleTable(rules: readonly CompiledRule[]): RuleTable {
  const views: (FirstSegmentIndex | undefined)[] = CASE_FOLDS.map(() => undefined);
  views.push(undefined);
  return { rules, views };
}

/**
 * `evaluateRules(table.rules, canonicalPath, undefined, foldIndex)`, trying only the candidates of
 * the path's first segment. For explain mode (a trace of every rule) use `evaluateRules`.
 */
export function evaluateIndexed(table: RuleTable, canonicalPath: string, foldIndex?: number): RuleEvaluation {
  const fold = foldIndex === undefined ? undefined : CASE_FOLDS[foldIndex];
  const view = foldIndex === undefined || fold === undefined ? 0 : foldIndex + 1;
  const index = (table.views[view] ??= buildIndex(table.rules, fold === undefined ? undefined : foldIndex));
  const split = splitCanonicalPath(canonicalPath);
  const segments = fold === undefined ? split : split.map(fold);
  const opaquePath = fold === undefined ? canonicalPath : canonicalPath.toLowerCase();
  const first = segments[0];
  const candidates = first === undefined ? index.root : (index.byFirst.get(first) ?? index.others);
  const matchFold = fold === undefined ? undefined : foldIndex;
  for (const rule of candidates) {
    const result = matchRule(rule, opaquePath, segments, matchFold);
    if (result.kind === 'match') return { kind: 'rule', rule, pattern: result.pattern };
    if (result.kind === 'error') return { kind: 'error', rule, pattern: result.pattern };
  }
  return { kind: 'default' };
}

/** What a rule's patterns need of a path's first segment: given literals, no segment (`/`), or anything. */
interface Anchors {
  readonly anyFirstSegment: boolean;
  readonly literals: ReadonlySet<string>;
  readonly root: boolean;
}

function anchorsOf(rule: CompiledRule, foldIndex: number | undefined): Anchors {
  const literals = new Set<string>();
  let root = false;
  for (const matcher of rule.matchers) {
    if (matcher.kind !== 'glob') return { anyFirstSegment: true, literals, root: true };
    // The folded copy is the one matchRule compares folded segments with.
    const glob = foldIndex === undefined ? matcher.glob : matcher.folded(foldIndex);
    const head = glob.tokens[0];
    if (head === undefined) root = true; // `/`: matches only the path without segments
    else if (head.kind === 'literal') literals.add(head.segment);
    else return { anyFirstSegment: true, literals, root: true }; // `*` / `**` first: any first segment
  }
  return { anyFirstSegment: false, literals, root };
}

function buildIndex(rules: readonly CompiledRule[], foldIndex: number | undefined): FirstSegmentIndex {
  const anchors = rules.map((rule) => anchorsOf(rule, foldIndex));
  const keys = new Set<string>();
  for (const anchor of anchors) for (const literal of anchor.literals) keys.add(literal);
  const byFirst = new Map<string, CompiledRule[]>();
  for (const key of keys) byFirst.set(key, []);
  const others: CompiledRule[] = [];
  const root: CompiledRule[] = [];
  // One pass in table order keeps every candidate list in table order.
  rules.forEach((rule, i) => {
    const anchor = anchors[i] as Anchors;
    if (anchor.anyFirstSegment) {
      others.push(rule);
      for (const list of byFirst.values()) list.push(rule);
    } else {
      for (const literal of anchor.literals) byFirst.get(literal)?.push(rule);
    }
    if (anchor.anyFirstSegment || anchor.root) root.push(rule);
  });
  return { byFirst, others, root };
}
