// The quadratic shadowing check as it was before the index: the reference for ERR_CONFIG_RULE_SHADOWED findings.
import type { CompiledRule } from '../compile-rules.js';
import { globCovers } from '../glob-inclusion.js';
import type { SegmentGlob } from '../segment-glob.js';

/** The first shadowed pattern and the earlier one that covers it, comparing with every earlier glob; `null` when none is. */
export function firstShadowLinear(rules: readonly CompiledRule[]): { rule: string; pattern: string; by: string; byPattern: string } | null {
  const seen: { rule: CompiledRule; glob: SegmentGlob }[] = [];
  for (const rule of rules) {
    const mine: SegmentGlob[] = [];
    for (const matcher of rule.matchers) {
      if (matcher.kind !== 'glob') continue;
      const earlier = seen.find((entry) => globCovers(entry.glob.tokens, matcher.glob.tokens));
      if (earlier !== undefined) return { rule: rule.name, pattern: matcher.glob.canonical, by: earlier.rule.name, byPattern: earlier.glob.canonical };
      mine.push(matcher.glob);
    }
    for (const glob of mine) seen.push({ rule, glob });
  }
  return null;
}
