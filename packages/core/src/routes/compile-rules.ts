// Validates the user's route table and compiles every rule into matchers, once, at construction.
import { LockstepError } from '../errors.js';
import { CASE_FOLDS } from './case-folding.js';
import { globCovers } from './glob-inclusion.js';
import { compileRequirements, type Requirements } from './route-requirements.js';
import type { RouteAccess, VerifyMode } from './route-rule.js';
import { compileSegmentGlob, foldSegmentGlob, matchSegmentGlob, type SegmentGlob } from './segment-glob.js';

/**
 * One pattern of a rule in compiled form; `label` is how messages and `explain()` show it. A glob
 * also gives one copy per scheme of `CASE_FOLDS` (`folded(index)`) with its literals folded, for
 * case-insensitive matching: made on first use, so a large table compiles without folding every
 * literal five ways (a case-sensitive app never asks).
 */
export type CompiledMatcher =
  | { kind: 'glob'; label: string; glob: SegmentGlob; folded: (foldIndex: number) => SegmentGlob }
  | { kind: 'regexp'; label: string; regexp: RegExp }
  | { kind: 'predicate'; label: string; predicate: (canonicalPath: string) => unknown };

/** A rule with its defaults applied. `ruleIndex` is null for the implicit rules. */
export interface CompiledRule {
  readonly ruleIndex: number | null;
  /** `rules[2]`, or a description of the implicit rule. */
  readonly name: string;
  readonly access: RouteAccess;
  readonly verify: VerifyMode;
  readonly session: boolean;
  readonly requirements: Requirements | null;
  readonly matchers: readonly CompiledMatcher[];
}

/** `error`: a predicate threw or returned a non-boolean, or a RegExp threw; the caller fails closed. */
export type RuleMatchResult =
  | { kind: 'match'; pattern: string }
  | { kind: 'no_match' }
  | { kind: 'error'; pattern: string };

const ACCESS: ReadonlySet<unknown> = new Set<RouteAccess>(['public', 'protected', 'authPage', 'ignore']);
const VERIFY: ReadonlySet<unknown> = new Set<VerifyMode>(['claims', 'user', 'session']);

/**
 * Compiles the user's rules in order and rejects a string pattern that an earlier one shadows.
 * @throws {LockstepError} `ERR_CONFIG_INVALID`, `ERR_CONFIG_PATTERN`, `ERR_CONFIG_VERIFY_MODE`,
 * `ERR_CONFIG_RULE_SHADOWED`.
 */
export function compileRules(
  rules: unknown,
  defaultVerify: VerifyMode,
  trailingSlash: 'ignore' | 'strict',
): CompiledRule[] {
  if (!Array.isArray(rules)) throw new LockstepError('ERR_CONFIG_INVALID', 'rules must be an array of route rules.');
  const compiled = rules.map((rule: unknown, index) => compileRule(rule, index, defaultVerify, trailingSlash));
  assertNoShadowing(compiled);
  return compiled;
}

function compileRule(
  rule: unknown,
  index: number,
  defaultVerify: VerifyMode,
  trailingSlash: 'ignore' | 'strict',
): CompiledRule {
  const name = `rules[${index}]`;
  if (typeof rule !== 'object' || rule === null) {
    throw new LockstepError('ERR_CONFIG_INVALID', `${name} must be an object with "match" and "access".`);
  }
  const { match, access, verify, session } = rule as Record<string, unknown>;
  if (!ACCESS.has(access)) {
    throw new LockstepError(
      'ERR_CONFIG_INVALID',
      `${name}.access must be "public", "protected", "authPage" or "ignore", not ${String(access)}.`,
    );
  }
  const ruleAccess = access as RouteAccess;
  if (verify !== undefined) {
    if (!VERIFY.has(verify)) {
      throw new LockstepError('ERR_CONFIG_VERIFY_MODE', `${name}.verify must be "claims", "user" or "session".`);
    }
    if (ruleAccess === 'ignore' || ruleAccess === 'authPage') {
      throw new LockstepError(
        'ERR_CONFIG_VERIFY_MODE',
        `${name}.verify applies to protected and public rules only; an ${ruleAccess} rule has no verify mode.`,
      );
    }
  }
  if (session !== undefined && (typeof session !== 'boolean' || ruleAccess !== 'public')) {
    throw new LockstepError('ERR_CONFIG_INVALID', `${name}.session is a boolean and applies to public rules only.`);
  }
  const requirements = compileRequirements(rule as Record<string, unknown>, name);
  if (requirements !== null && ruleAccess !== 'protected') {
    throw new LockstepError('ERR_CONFIG_INVALID', `${name} states requirements (aal, recentSignIn, roles, claims); they apply to protected rules only.`);
  }
  if (requirements !== null && verify === 'session') {
    throw new LockstepError('ERR_CONFIG_VERIFY_MODE', `${name} states requirements with verify: "session"; requirements are checked on verified claims only (use "claims" or "user").`);
  }
  const patterns: readonly unknown[] = Array.isArray(match) ? match : [match];
  if (patterns.length === 0) throw new LockstepError('ERR_CONFIG_PATTERN', `${name}.match is an empty list.`);
  return {
    ruleIndex: index,
    name,
    access: ruleAccess,
    verify: (verify as VerifyMode | undefined) ?? defaultVerify,
    // Protected and auth pages always need the session; ignore rules never touch it.
    session: ruleAccess === 'public' ? ((session as boolean | undefined) ?? true) : ruleAccess !== 'ignore',
    requirements,
    matchers: patterns.map((pattern) => compileMatcher(pattern, name, trailingSlash)),
  };
}

/** Compiles one pattern; `name` says where it came from for error messages. */
export function compileMatcher(pattern: unknown, name: string, trailingSlash: 'ignore' | 'strict'): CompiledMatcher {
  if (typeof pattern === 'string') {
    const glob = compileSegmentGlob(pattern, trailingSlash, `${name} pattern`);
    const folds: (SegmentGlob | undefined)[] = [];
    const folded = (foldIndex: number): SegmentGlob => {
      const fold = CASE_FOLDS[foldIndex];
      if (fold === undefined) return glob;
      return (folds[foldIndex] ??= foldSegmentGlob(glob, fold));
    };
    return { kind: 'glob', label: glob.canonical, glob, folded };
  }
  if (pattern instanceof RegExp) {
    // `g` and `y` make test() start at lastIndex, so one request's result would depend on the last.
    if (pattern.global || pattern.sticky) {
      throw new LockstepError(
        'ERR_CONFIG_PATTERN',
        `${name} pattern ${String(pattern)} must not use the "g" or "y" flag ` +
          '(test() would keep state between requests).',
      );
    }
    return { kind: 'regexp', label: String(pattern), regexp: pattern };
  }
  if (typeof pattern === 'function') {
    const fnName = (pattern as { name?: unknown }).name;
    const label = typeof fnName === 'string' && fnName !== '' ? `predicate ${fnName}()` : 'predicate (anonymous)';
    return { kind: 'predicate', label, predicate: pattern as (canonicalPath: string) => unknown };
  }
  throw new LockstepError('ERR_CONFIG_PATTERN', `${name}.match must be a string, a RegExp or a function.`);
}

/**
 * Tests one rule against a canonical path and its segments (split once by the caller). With
 * `foldIndex`, the segments are already folded by `CASE_FOLDS[foldIndex]` and globs compare
 * against their literals folded the same way.
 */
export function matchRule(
  rule: CompiledRule,
  canonicalPath: string,
  segments: readonly string[],
  foldIndex?: number,
): RuleMatchResult {
  for (const matcher of rule.matchers) {
    let matched: unknown;
    try {
      if (matcher.kind === 'glob') {
        const glob = foldIndex === undefined ? matcher.glob : matcher.folded(foldIndex);
        matched = matchSegmentGlob(glob, segments);
      } else if (matcher.kind === 'regexp') matched = matcher.regexp.test(canonicalPath);
      else matched = matcher.predicate(canonicalPath);
    } catch {
      // Fail closed: the caller turns this into "protected", never into "no match" (which could
      // let a later public rule win) — see createRoutePolicy.
      return { kind: 'error', pattern: matcher.label };
    }
    if (matched === true) return { kind: 'match', pattern: matcher.label };
    if (matched !== false) return { kind: 'error', pattern: matcher.label };
  }
  return { kind: 'no_match' };
}

function assertNoShadowing(rules: readonly CompiledRule[]): void {
  const seen = new ShadowIndex();
  for (const rule of rules) {
    const mine: SegmentGlob[] = [];
    for (const matcher of rule.matchers) {
      if (matcher.kind !== 'glob') continue;
      // Only earlier rules count: a redundant pattern inside one rule changes nothing.
      const earlier = seen.firstCovering(matcher.glob);
      if (earlier !== undefined) {
        throw new LockstepError(
          'ERR_CONFIG_RULE_SHADOWED',
          `${rule.name} (${rule.access}) pattern "${matcher.glob.canonical}" can never match: ` +
            `${earlier.rule.name} (${earlier.rule.access}) pattern "${earlier.glob.canonical}" comes first ` +
            'and matches every path it does. Remove it or move it above.',
        );
      }
      mine.push(matcher.glob);
    }
    for (const glob of mine) seen.add(rule, glob);
  }
}

interface SeenGlob {
  readonly rule: CompiledRule;
  readonly glob: SegmentGlob;
  /** Position in the order globs were added: the earliest covering one is reported. */
  readonly position: number;
}

/**
 * The earlier globs, split by how they start, so a pattern is compared only with those that can
 * cover it (linear compile time for 1,000 rules instead of quadratic). A glob starting with the
 * literal L covers only patterns starting with L; one starting with `*` or `**`, or the empty glob
 * `/`, is compared with every pattern. `globCovers` is false for every pair skipped, so the first
 * covering glob found is the first in the whole list, as a linear scan would report it.
 */
class ShadowIndex {
  readonly #general: SeenGlob[] = [];
  readonly #byFirstLiteral = new Map<string, SeenGlob[]>();
  #count = 0;

  add(rule: CompiledRule, glob: SegmentGlob): void {
    const entry = { rule, glob, position: this.#count++ };
    const head = glob.tokens[0];
    if (head?.kind !== 'literal') this.#general.push(entry);
    else {
      const list = this.#byFirstLiteral.get(head.segment);
      if (list === undefined) this.#byFirstLiteral.set(head.segment, [entry]);
      else list.push(entry);
    }
  }

  firstCovering(inner: SegmentGlob): SeenGlob | undefined {
    const head = inner.tokens[0];
    const general = this.#general.find((entry) => globCovers(entry.glob.tokens, inner.tokens));
    const anchored = head?.kind === 'literal' ? this.#byFirstLiteral.get(head.segment)?.find((entry) => globCovers(entry.glob.tokens, inner.tokens)) : undefined;
    if (general === undefined) return anchored;
    if (anchored === undefined) return general;
    return anchored.position < general.position ? anchored : general;
  }
}
