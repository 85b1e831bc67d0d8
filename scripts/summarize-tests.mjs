// Adds up vitest's per-package "Tests" lines from a verify log into one closing line CI can read, preceded by the
// contract matrix: the counts each adapter × provider suite wrote to .contract-results/ (see
// packages/testkit/contract-tests/src/contract-results.ts). The closing `tests: …` line stays the last line.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [logFile, resultsDir = join(dirname(fileURLToPath(import.meta.url)), '../.contract-results')] = process.argv.slice(2);

// eslint-disable-next-line no-control-regex -- stripping ANSI colour codes is the point
const log = readFileSync(logFile, 'utf8').replace(/\u001b\[[0-9;]*m/g, '');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const line of log.split('\n')) {
  const match = /^\S*\s*Tests\s+(.*)\(\d+\)\s*$/.exec(line.trim());
  if (match === null) continue;
  for (const [, count, word] of (match[1] ?? '').matchAll(/(\d+) (passed|failed|skipped)/g)) {
    if (word === 'passed') passed += Number(count);
    else if (word === 'failed') failed += Number(count);
    else skipped += Number(count);
  }
}

for (const line of contractMatrix(resultsDir)) console.log(line);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);

/** The matrix lines: one per adapter × provider suite, then the totals per provider and per adapter. */
function contractMatrix(dir) {
  let files;
  try {
    files = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  } catch {
    // No contract suite ran (or wrote nothing): the summary is the closing line alone.
    return [];
  }
  const results = [];
  for (const file of files) {
    try {
      const result = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      if (typeof result.adapter === 'string' && typeof result.backend === 'string' && [result.passed, result.failed, result.skipped].every(Number.isInteger)) results.push(result);
      else console.log(`contract: ${file} is not a result file, ignored`);
    } catch {
      console.log(`contract: ${file} is unreadable, ignored`);
    }
  }
  if (results.length === 0) return [];
  const counts = (list) => {
    const sum = (key) => list.reduce((total, result) => total + result[key], 0);
    return `${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`;
  };
  const totals = (key) => [...new Set(results.map((result) => result[key]))].sort().map((name) => `  ${name}: ${counts(results.filter((result) => result[key] === name))}`);
  return [
    'contract matrix (adapter × provider):',
    ...results.map((result) => `  ${result.adapter} × ${result.backend}: ${counts([result])}`),
    'contract per provider:',
    ...totals('backend'),
    'contract per adapter:',
    ...totals('adapter'),
  ];
}
