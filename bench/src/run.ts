// The runner: `--size smoke|full`, `--only name,name`; prints every table and writes results + plots.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAmplification } from './amplification.js';
import { runHttpLoad } from './http-load.js';
import { runLogoutStorm } from './logout-storm.js';
import { runMemory } from './memory.js';
import { runOutage } from './outage.js';
import { runOverhead } from './overhead.js';
import { runRouteRules } from './route-rules.js';
import { runScaleOut } from './scale-out.js';
import { writeResult, type BenchResult, type Size } from './results.js';

/** Every benchmark, in run order (memory last: it leaves the biggest heap behind). */
export const BENCHMARKS: Readonly<Record<string, (size: Size) => Promise<BenchResult>>> = {
  overhead: runOverhead,
  'route-rules': runRouteRules,
  'http-load': runHttpLoad,
  amplification: runAmplification,
  'logout-storm': runLogoutStorm,
  outage: runOutage,
  'scale-out': runScaleOut,
  memory: runMemory,
};

/** Full runs write into docs/bench; smoke runs into a fresh temp directory. */
export function outputDirectory(size: Size): string {
  return size === 'full' ? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'bench') : mkdtempSync(join(tmpdir(), 'lockstep-bench-'));
}

/** Runs the selected benchmarks one after another and returns their results. */
export async function runAll(size: Size, only: readonly string[] = Object.keys(BENCHMARKS), log: (line: string) => void = console.log): Promise<BenchResult[]> {
  const directory = outputDirectory(size);
  const results: BenchResult[] = [];
  for (const name of only) {
    const bench = BENCHMARKS[name];
    if (bench === undefined) throw new Error(`unknown benchmark "${name}" (known: ${Object.keys(BENCHMARKS).join(', ')})`);
    const started = performance.now();
    const result = await bench(size);
    results.push(result);
    log(`\n## ${result.title} (${size}, ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
    for (const table of result.tables) log(`${table}\n`);
    for (const file of writeResult(directory, size, result)) log(`wrote ${file}`);
  }
  return results;
}

function parseArgs(argv: readonly string[]): { size: Size; only: string[] } {
  let size: Size = 'smoke';
  let only = Object.keys(BENCHMARKS);
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    // pnpm passes the `--` of `pnpm bench -- --only x` through: it only separates pnpm's arguments from ours.
    if (arg === '--') continue;
    if (arg === '--size') {
      const value = argv[(i += 1)];
      if (value !== 'smoke' && value !== 'full') throw new Error('--size must be smoke or full');
      size = value;
    } else if (arg === '--only') {
      only = (argv[(i += 1)] ?? '').split(',').filter((name) => name !== '');
    } else {
      throw new Error(`unknown argument ${String(arg)}`);
    }
  }
  return { size, only };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { size, only } = parseArgs(process.argv.slice(2));
  if ((globalThis as { gc?: unknown }).gc === undefined) console.warn('note: run with --expose-gc for exact heap numbers');
  await runAll(size, only);
}
