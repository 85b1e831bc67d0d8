// Discrete-event virtual time for the simulations: `sleep` advances no wall clock, only the virtual one.
//
// Every latency in a simulation is a `sleep` on this clock. The loop fires the earliest timers only
// once the process is quiet: all promise chains are blocked on a virtual timer. Web Crypto calls
// finish on libuv's thread pool (outside the microtask queue), so they are counted while in flight
// and the loop waits for them too; with that, a run is a pure function of its seed.

/** A virtual clock and scheduler. */
export interface VirtualTime {
  /** Virtual epoch milliseconds. */
  nowMs(): number;
  /** Resolves when the virtual clock reaches now + `ms`. */
  sleep(ms: number): Promise<void>;
  /** Fires timers in order until none is left at or before `untilMs`. */
  run(untilMs: number): Promise<void>;
  /** Restores the patched globals (`Date.now`, `crypto.subtle`). */
  dispose(): void;
}

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly resolve: () => void;
}

const SUBTLE_METHODS = ['digest', 'sign', 'verify', 'importKey', 'exportKey', 'generateKey', 'deriveBits', 'deriveKey', 'encrypt', 'decrypt'] as const;

/**
 * Creates the virtual time, patching `Date.now` (auth-js reads it for expiry decisions) to follow it.
 * Only one may exist at a time.
 *
 * @example
 * const time = createVirtualTime(Date.UTC(2026, 0, 1));
 * void (async () => { await time.sleep(5000); console.log(time.nowMs()); })();
 * await time.run(Date.UTC(2026, 0, 1) + 60_000);
 * time.dispose();
 */
export function createVirtualTime(startMs: number): VirtualTime {
  let now = startMs;
  let seq = 0;
  let inflight = 0;
  const heap: Timer[] = [];
  const realDateNow = Date.now;
  Date.now = () => now;

  const subtle = globalThis.crypto.subtle as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const originals = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  for (const method of SUBTLE_METHODS) {
    const original = subtle[method];
    if (typeof original !== 'function') continue;
    originals.set(method, original);
    subtle[method] = (...args: unknown[]) => {
      inflight += 1;
      return original.apply(globalThis.crypto.subtle, args).finally(() => {
        inflight -= 1;
      });
    };
  }

  const settle = async (): Promise<void> => {
    // Two quiet turns in a row: nothing on the thread pool and every chain parked on a timer.
    for (let quiet = 0; quiet < 2; ) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      quiet = inflight === 0 ? quiet + 1 : 0;
    }
  };

  return {
    nowMs: () => now,
    sleep(ms) {
      return new Promise<void>((resolve) => push(heap, { at: now + Math.max(0, ms), seq: (seq += 1), resolve }));
    },
    async run(untilMs) {
      for (;;) {
        await settle();
        const first = heap[0];
        if (first === undefined || first.at > untilMs) return;
        now = first.at;
        while (heap[0] !== undefined && heap[0].at === now) pop(heap)?.resolve();
      }
    },
    dispose() {
      Date.now = realDateNow;
      for (const method of originals.keys()) delete subtle[method];
    },
  };
}

// A binary min-heap on (at, seq): timers due at the same instant fire in the order they were set.
const before = (a: Timer, b: Timer): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

function push(heap: Timer[], timer: Timer): void {
  heap.push(timer);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i] as Timer, heap[parent] as Timer)) break;
    [heap[i], heap[parent]] = [heap[parent] as Timer, heap[i] as Timer];
    i = parent;
  }
}

function pop(heap: Timer[]): Timer | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length === 0 || last === undefined) return top;
  heap[0] = last;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let smallest = i;
    if (left < heap.length && before(heap[left] as Timer, heap[smallest] as Timer)) smallest = left;
    if (right < heap.length && before(heap[right] as Timer, heap[smallest] as Timer)) smallest = right;
    if (smallest === i) return top;
    [heap[i], heap[smallest]] = [heap[smallest] as Timer, heap[i] as Timer];
    i = smallest;
  }
}
