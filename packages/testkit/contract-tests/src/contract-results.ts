// Writes the outcome of one adapter × backend suite to `.contract-results/` at the repository root, where
// scripts/summarize-tests.mjs reads it: counting from the runner's own task tree is exact, parsing a log is not.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder the suites write to and the CI summary reads (git-ignored; scripts/test.sh empties it first). */
export const CONTRACT_RESULTS_DIR = fileURLToPath(new URL('../../../../.contract-results/', import.meta.url));

/** One line of the summary: counts of the tests registered for an adapter on a backend. */
export interface ContractResult {
  readonly adapter: string;
  readonly backend: string;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

/** The part of vitest's task tree read here. */
interface TaskNode {
  readonly type: string;
  readonly mode?: string;
  readonly result?: { readonly state?: string };
  readonly tasks?: readonly TaskNode[];
}

/** Counts the tests under `suite` by their final state. */
export function countResults(suite: TaskNode): Omit<ContractResult, 'adapter' | 'backend'> {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const visit = (task: TaskNode): void => {
    if (task.tasks !== undefined) for (const child of task.tasks) visit(child);
    if (task.type !== 'test') return;
    const state = task.result?.state;
    if (state === 'pass') counts.passed++;
    else if (state === 'fail') counts.failed++;
    else counts.skipped++;
  };
  visit(suite);
  return counts;
}

/** Writes (replaces) the result file of one adapter × backend suite. */
export function writeContractResult(result: ContractResult): void {
  mkdirSync(CONTRACT_RESULTS_DIR, { recursive: true });
  const file = `${`${result.adapter}--${result.backend}`.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`;
  writeFileSync(join(CONTRACT_RESULTS_DIR, file), `${JSON.stringify(result)}\n`);
}
