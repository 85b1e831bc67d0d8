// Where a benchmark's results go: `docs/bench/<name>.json` + `.svg` for full runs, a temp dir for smoke runs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/** The size of a run: `smoke` keeps CI fast, `full` produces the published numbers. */
export type Size = 'smoke' | 'full';

/** What every benchmark returns: its tables (Markdown) and its raw data. */
export interface BenchResult {
  readonly name: string;
  readonly title: string;
  /** Markdown tables, in print order. */
  readonly tables: readonly string[];
  /** JSON-serialisable data (what the plots and the docs are built from). */
  readonly data: unknown;
  /** SVG documents, written as `<name>.svg`, `<name>-2.svg`, … */
  readonly plots: readonly string[];
}

/** The machine a run happened on, recorded in every result file. */
export function machine(): Record<string, unknown> {
  const cores = cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cores[0]?.model ?? 'unknown',
    cores: cores.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  };
}

/**
 * Writes one result: JSON (with the machine and the size) and its plots. Returns the paths written.
 *
 * @example
 * writeResult('/repo/docs/bench', 'full', result);
 */
export function writeResult(directory: string, size: Size, result: BenchResult): string[] {
  mkdirSync(directory, { recursive: true });
  const json = join(directory, `${result.name}.json`);
  writeFileSync(json, `${JSON.stringify({ name: result.name, title: result.title, size, date: new Date().toISOString(), machine: machine(), data: result.data }, null, 2)}\n`);
  const written = [json];
  result.plots.forEach((svg, index) => {
    const file = join(directory, `${result.name}${index === 0 ? '' : `-${index + 1}`}.svg`);
    writeFileSync(file, svg);
    written.push(file);
  });
  return written;
}
