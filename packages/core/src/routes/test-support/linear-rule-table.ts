// The linear scan as a stand-in for rule-index.ts: the reference the indexed table is tested against.
import type { CompiledRule } from '../compile-rules.js';
import { evaluateRules, type RuleEvaluation } from '../evaluate-rules.js';

/** How many paths the linear reference decided (the test checks it really ran). */
export const linearCalls = { count: 0 };

export interface RuleTable {
  readonly rules: readonly CompiledRule[];
}

export function createRuleTable(rules: readonly CompiledRule[]): RuleTable {
  return { rules };
}

/** Every rule in table order, as before the index. */
export function evaluateIndexed(table: RuleTable, canonicalPath: string, foldIndex?: number): RuleEvaluation {
  linearCalls.count += 1;
  return evaluateRules(table.rules, canonicalPath, undefined, foldIndex);
}
