// A seeded PRNG (mulberry32) and the few distributions the simulations draw from: same seed, same run.

/** Random numbers from one seed; every draw in a simulation goes through one of these. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** Integer uniform in [min, max]. */
  int(min: number, max: number): number;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** A new independent stream derived from this one (so adding draws in one place does not shift another). */
  fork(): Random;
}

/**
 * Creates a mulberry32 generator.
 *
 * @example
 * const random = createRandom(42);
 * random.int(1, 6);
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    exponential: (mean) => -mean * Math.log(1 - next()),
    chance: (p) => next() < p,
    fork: () => createRandom(Math.floor(next() * 4294967296)),
  };
  return random;
}

/** Shuffles a copy of `items` (Fisher–Yates) with `random`. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
