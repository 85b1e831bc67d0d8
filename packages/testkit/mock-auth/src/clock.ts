// The mock's controllable clock: real time plus an offset, optionally frozen; read once per request.

/** A clock that tests can move by value (no global fake timers). All values are epoch milliseconds. */
export interface ControllableClock {
  /** The current mock time in epoch milliseconds. */
  now(): number;
  /** Moves the clock forward (or backward, with a negative value) by `seconds`. */
  advance(seconds: number): void;
  /** Stops the clock at its current value; `advance` still moves it. */
  freeze(): void;
  /** Lets the clock run again from its current value. */
  unfreeze(): void;
  /** Sets the clock to an absolute time (epoch ms), keeping the frozen/running state. */
  set(epochMs: number): void;
  /** Whether the clock is frozen. */
  isFrozen(): boolean;
  /** Back to real time, running. */
  reset(): void;
}

/**
 * Creates a clock that follows `realNow` plus an offset, and can be frozen.
 *
 * @example
 * const clock = createControllableClock();
 * clock.freeze();
 * clock.advance(11); // eleven seconds later, exactly
 */
export function createControllableClock(realNow: () => number = () => Date.now()): ControllableClock {
  let offsetMs = 0;
  let frozenAt: number | null = null;
  const now = (): number => frozenAt ?? realNow() + offsetMs;
  return {
    now,
    advance(seconds) {
      assertFinite(seconds);
      if (frozenAt !== null) frozenAt += seconds * 1000;
      else offsetMs += seconds * 1000;
    },
    freeze() {
      frozenAt = now();
    },
    unfreeze() {
      if (frozenAt === null) return;
      offsetMs = frozenAt - realNow();
      frozenAt = null;
    },
    set(epochMs) {
      assertFinite(epochMs);
      if (frozenAt !== null) frozenAt = epochMs;
      else offsetMs = epochMs - realNow();
    },
    isFrozen: () => frozenAt !== null,
    reset() {
      offsetMs = 0;
      frozenAt = null;
    },
  };
}

function assertFinite(value: number): void {
  if (!Number.isFinite(value)) throw new TypeError('clock values must be finite numbers');
}
