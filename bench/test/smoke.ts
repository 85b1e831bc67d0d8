// CI's check of the benchmarks: every benchmark in its smoke size, with structural assertions on the results.
import assert from 'node:assert/strict';
import type { AmplificationRow } from '../src/amplification.js';
import type { HttpRow } from '../src/http-load.js';
import type { StormRow } from '../src/logout-storm.js';
import type { HeapSample } from '../src/memory.js';
import type { OutageRow } from '../src/outage.js';
import type { OverheadRow } from '../src/overhead.js';
import type { RouteRulesRow } from '../src/route-rules.js';
import type { ScaleOutRow } from '../src/scale-out.js';
import { runAll } from '../src/run.js';

const started = performance.now();
const lines: string[] = [];
const results = new Map((await runAll('smoke', undefined, (line) => lines.push(line))).map((result) => [result.name, result]));
const data = (name: string): Record<string, unknown> => {
  const result = results.get(name);
  assert.ok(result, `${name} ran`);
  assert.ok(result.tables.length > 0 && result.plots.every((svg) => svg.startsWith('<svg')), `${name} has tables and SVG plots`);
  return result.data as Record<string, unknown>;
};
const finite = (value: unknown, what: string): void => assert.ok(typeof value === 'number' && Number.isFinite(value), `${what} is a finite number (${String(value)})`);

const overhead = data('overhead').rows as OverheadRow[];
assert.equal(overhead.length, 14);
const ratios = data('overhead').ratios as { name: string; value: number }[];
for (const ratio of ratios) assert.ok(typeof ratio.value === "number" && !Number.isNaN(ratio.value), `overhead ratio ${ratio.name} computed`);
for (const row of overhead) for (const key of ['medianUs', 'p99Us', 'medianRatio', 'p99Ratio', 'cpuUs'] as const) finite(row[key], `overhead ${row.variant} ${key}`);

const routeRules = data('route-rules').rows as RouteRulesRow[];
assert.equal(routeRules.length, 4, 'route rules: 10 and 1,000 rules, case-sensitive and not');
for (const row of routeRules) for (const key of ['compileMs', 'resolveUs'] as const) finite(row[key], `route rules ${row.rules} ${key}`);

const http = data('http-load').rows as HttpRow[];
assert.equal(http.length, 6, 'http load: every variant served');
for (const row of http) {
  assert.ok(row.requests > 0, `http ${row.variant}: requests answered`);
  assert.equal(row.failed, 0, `http ${row.variant}: every request answered 200`);
  for (const key of ['requestsPerSecond', 'ratioToNoAuth', 'serverCpuUsPerRequest'] as const) finite(row[key], `http ${row.variant} ${key}`);
}

const amplification = data('amplification').rows as AmplificationRow[];
for (const row of amplification) {
  assert.equal(row.ok, row.n, `${row.variant} N=${row.n}: every request succeeds`);
  if (row.variant === 'Lockstep') assert.equal(row.refreshCalls / row.rotations, 1, `Lockstep N=${row.n}: one refresh call per rotation`);
  if (row.variant === 'Lockstep') assert.equal(row.refreshCalls, 1, `Lockstep N=${row.n}: one upstream refresh`);
}

const storm = data('logout-storm').rows as StormRow[];
assert.equal(storm.length % 2, 0);
for (const row of storm) {
  assert.ok(row.requests > 0, 'the storm sent requests');
  for (const key of ['signOutsPer10k', 'failedPer10k', 'refreshCallsPerRotation'] as const) finite(row[key], `storm ${row.variant} ${key}`);
}

const outage = data('outage').rows as OutageRow[];
for (const row of outage) {
  finite(row.medianMs, `outage ${row.variant} median`);
  assert.equal(row.cookiesCleared, row.variant.startsWith('Lockstep') ? 0 : row.cookiesCleared, 'Lockstep never clears cookies in an outage');
}

const scaleOut = data('scale-out').rows as ScaleOutRow[];
assert.ok(scaleOut.length > 0, 'scale-out measured (redis-server is required here)');
for (const row of scaleOut) {
  assert.equal(row.authenticated, row.requests * row.rounds, `scale-out ${row.variant} N=${row.perProcess}: every request authenticated`);
  assert.equal(row.rotations, 1, `scale-out ${row.variant} N=${row.perProcess}: one rotation`);
  for (const key of ['medianMs', 'p99Ms', 'wallMs'] as const) finite(row[key], `scale-out ${row.variant} ${key}`);
  // Shared: one call per rotation across all processes. Per-process memory: every process spends the token itself.
  if (row.variant.startsWith('Redis')) assert.equal(row.refreshCalls, 1, `scale-out Redis N=${row.perProcess}: one upstream refresh across ${row.processes} processes`);
  else assert.equal(row.refreshCalls, row.processes, `scale-out memory N=${row.perProcess}: one upstream refresh per process`);
}

const memory = data('memory');
const samples = memory.samples as HeapSample[];
assert.ok(samples.length > 0);
for (const sample of samples) {
  finite(sample.heapMiB, 'heap sample');
  assert.ok(sample.refreshStoreEntries <= 10_000, 'the refresh store stays within its bound');
}
assert.equal(memory.unexpected, 0, 'every memory-bench request authenticated');
assert.ok((memory.peakMiB as number) < 256, 'heap stays bounded');

console.log(lines.join('\n'));
console.log(`\nbench smoke: all checks passed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
