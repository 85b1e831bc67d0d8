// Route rules at scale: compile time of a 1,000-rule table and what its size adds to each request's routing.
import { createRoutePolicy, type RoutePolicy, type RouteRule } from '@lockstep/core/routes';
import type { BenchResult, Size } from './results.js';
import { round, summarize } from './stats.js';
import { barChart } from './svg-plot.js';
import { formatTable } from './table.js';

const SIZES = {
  smoke: { compiles: 3, resolves: 2_000 },
  full: { compiles: 25, resolves: 100_000 },
} as const;

const LARGE = 1_000;
const SMALL = 10;

/** `count` rules as an app with many sections writes them, before the rules the probe paths end on. */
function table(count: number): RouteRule[] {
  const sections: RouteRule[] = [];
  for (let i = 0; i < count - 3; i += 1) {
    sections.push({ match: i % 3 === 0 ? `/s${i}/**` : i % 3 === 1 ? [`/s${i}`, `/s${i}/*`] : `/s${i}/api/**`, access: i % 2 === 0 ? 'public' : 'protected' });
  }
  return [...sections, { match: '/', access: 'public' }, { match: '/_next/static/**', access: 'ignore' }, { match: ['/dashboard', '/dashboard/**', '/api/**'], access: 'protected' }];
}

/** Paths that reach the end of the table: the last rule, a section near the end, nothing (deny by default), a case variant. */
const PATHS = ['/dashboard', `/s${LARGE - 6}/api/x`, '/unknown/page', '/Dashboard/Settings'] as const;

/** One row: a table size and case mode, its compile time, and the routing cost per path. */
export interface RouteRulesRow {
  readonly rules: number;
  readonly caseSensitive: boolean;
  /** Median over the runs (the JIT warm, as for an app that rebuilds its table). */
  readonly compileMs: number;
  /** Median process CPU time of a compile: unlike the wall clock, not inflated by waiting for a core. */
  readonly compileCpuMs: number;
  /** The first compile in the process (cold JIT: what an app pays once at startup). */
  readonly firstCompileMs: number;
  readonly resolveUs: number;
}

function policy(count: number, caseSensitive: boolean): RoutePolicy {
  return createRoutePolicy({ rules: table(count), defaultVerify: 'claims', loginPath: '/login', caseSensitive });
}

function compileMs(count: number, caseSensitive: boolean, runs: number): { median: number; cpu: number; first: number } {
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    policy(count, caseSensitive);
    samples.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpuSamples.push((cpu.user + cpu.system) / 1000);
  }
  return { median: summarize(samples).medianUs / 1000, cpu: summarize(cpuSamples).medianUs / 1000, first: samples[0] ?? Number.NaN };
}

/** Median µs of one `resolve` over the probe paths (timed in batches of 100: one call is below the timer's resolution). */
function resolveUs(routes: RoutePolicy, resolves: number): number {
  const samples: number[] = [];
  for (let i = 0; i < resolves / 100; i += 1) {
    const start = performance.now();
    for (let j = 0; j < 100; j += 1) routes.resolve(PATHS[j % PATHS.length] as string);
    samples.push((performance.now() - start) / 100);
  }
  return summarize(samples).medianUs;
}

/**
 * Compiles the 10- and 1,000-rule tables (the median of `compiles` runs) and times `resolve` on
 * paths that reach the end of the table, interleaving the sizes so drift hits both alike. The added
 * cost of 1,000 rules is the difference of the medians.
 */
export function runRouteRules(size: Size): Promise<BenchResult> {
  return Promise.resolve(measure(size));
}

function measure(size: Size): BenchResult {
  const { compiles, resolves } = SIZES[size];
  const rows: RouteRulesRow[] = [];
  // First compiles before anything else has warmed the route code up.
  const cold = new Map([true, false].map((caseSensitive) => [caseSensitive, { small: compileMs(SMALL, caseSensitive, 1).first, large: compileMs(LARGE, caseSensitive, 1).first }]));
  for (const caseSensitive of [true, false]) {
    const small = policy(SMALL, caseSensitive);
    const large = policy(LARGE, caseSensitive);
    // Warm-up, then alternate: small, large, small, large.
    resolveUs(small, 1_000);
    resolveUs(large, 1_000);
    const times = { small: [] as number[], large: [] as number[] };
    for (let round = 0; round < 4; round += 1) {
      times.small.push(resolveUs(small, resolves / 4));
      times.large.push(resolveUs(large, resolves / 4));
    }
    const median = (values: number[]): number => summarize(values.map((us) => us / 1000)).medianUs;
    const first = cold.get(caseSensitive) ?? { small: Number.NaN, large: Number.NaN };
    const smallCompile = compileMs(SMALL, caseSensitive, compiles);
    const largeCompile = compileMs(LARGE, caseSensitive, compiles);
    rows.push({ rules: SMALL, caseSensitive, compileMs: smallCompile.median, compileCpuMs: smallCompile.cpu, firstCompileMs: first.small, resolveUs: median(times.small) });
    rows.push({ rules: LARGE, caseSensitive, compileMs: largeCompile.median, compileCpuMs: largeCompile.cpu, firstCompileMs: first.large, resolveUs: median(times.large) });
  }
  const added = (caseSensitive: boolean): number =>
    (rows.find((row) => row.rules === LARGE && row.caseSensitive === caseSensitive)?.resolveUs ?? Number.NaN) -
    (rows.find((row) => row.rules === SMALL && row.caseSensitive === caseSensitive)?.resolveUs ?? Number.NaN);
  const large = (caseSensitive: boolean): RouteRulesRow | undefined => rows.find((row) => row.rules === LARGE && row.caseSensitive === caseSensitive);
  const compiled = (caseSensitive: boolean): number => large(caseSensitive)?.compileMs ?? Number.NaN;
  const firstCompiled = (caseSensitive: boolean): number => large(caseSensitive)?.firstCompileMs ?? Number.NaN;
  const compiledCpu = (caseSensitive: boolean): number => large(caseSensitive)?.compileCpuMs ?? Number.NaN;
  const ratios = [
    { name: `${LARGE.toLocaleString('en')} rules: added µs per request (case-sensitive)`, value: added(true), goal: '≤ 10' },
    { name: `${LARGE.toLocaleString('en')} rules: added µs per request (case-insensitive)`, value: added(false), goal: '≤ 10' },
    { name: `${LARGE.toLocaleString('en')} rules: compile ms (case-sensitive)`, value: compiled(true), goal: '≤ 20' },
    { name: `${LARGE.toLocaleString('en')} rules: compile ms (case-insensitive)`, value: compiled(false), goal: '≤ 20' },
    { name: `${LARGE.toLocaleString('en')} rules: compile CPU ms (case-sensitive)`, value: compiledCpu(true), goal: '≤ 20' },
    { name: `${LARGE.toLocaleString('en')} rules: compile CPU ms (case-insensitive)`, value: compiledCpu(false), goal: '≤ 20' },
    { name: `${LARGE.toLocaleString('en')} rules: first compile ms, cold JIT (case-sensitive)`, value: firstCompiled(true), goal: '(report)' },
    { name: `${LARGE.toLocaleString('en')} rules: first compile ms, cold JIT (case-insensitive)`, value: firstCompiled(false), goal: '(report)' },
  ];
  const tables = [
    formatTable(
      ['rules', 'caseSensitive', 'compile ms (median)', 'compile CPU ms (median)', 'first compile ms (cold)', 'resolve µs per path (median)'],
      rows.map((row) => [row.rules, String(row.caseSensitive), round(row.compileMs), round(row.compileCpuMs), round(row.firstCompileMs), round(row.resolveUs)]),
    ),
    formatTable(['goal (this run)', 'value', 'goal'], ratios.map((ratio) => [ratio.name, round(ratio.value), ratio.goal])),
  ];
  const plot = barChart({
    title: 'Route table size: routing cost per request',
    yLabel: 'µs per resolve (median)',
    categories: rows.map((row) => `${row.rules} rules${row.caseSensitive ? '' : ' (case-insens.)'}`),
    series: [{ label: 'resolve', values: rows.map((row) => row.resolveUs) }],
  });
  return { name: 'route-rules', title: 'Route rules at scale', tables, data: { compiles, resolves, paths: PATHS, rows, ratios }, plots: [plot] };
}
