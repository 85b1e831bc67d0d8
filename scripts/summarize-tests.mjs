// Adds up vitest's per-package "Tests" lines from a verify log into one closing line CI can read.
import { readFileSync } from 'node:fs';

// eslint-disable-next-line no-control-regex -- stripping ANSI colour codes is the point
const log = readFileSync(process.argv[2], 'utf8').replace(/\u001b\[[0-9;]*m/g, '');
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
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
