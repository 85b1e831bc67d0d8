// Order statistics for latency samples: median and p99 by nearest rank, plus the count and extremes.

/** A latency sample set summarised in microseconds. */
export interface Summary {
  readonly n: number;
  readonly medianUs: number;
  readonly p99Us: number;
  readonly minUs: number;
  readonly maxUs: number;
}

/** The `q`-quantile (0..1) of sorted values by the nearest-rank method (no interpolation). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

/**
 * Summarises samples given in milliseconds (as `performance.now()` differences) in microseconds.
 *
 * @example
 * summarize([0.021, 0.019, 0.5]).medianUs; // 21
 */
export function summarize(samplesMs: readonly number[]): Summary {
  const sorted = [...samplesMs].sort((a, b) => a - b).map((ms) => ms * 1000);
  return {
    n: sorted.length,
    medianUs: quantile(sorted, 0.5),
    p99Us: quantile(sorted, 0.99),
    minUs: sorted[0] ?? Number.NaN,
    maxUs: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** Rounds for display: three significant digits, at least one decimal under 10. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const digits = Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
