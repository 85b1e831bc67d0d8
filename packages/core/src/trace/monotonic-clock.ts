// A monotonic millisecond clock for durations (never for expiry decisions, which use the injected `now`).

/** `performance.now()`: Web-standard on every runtime Lockstep supports; immune to wall-clock steps. */
export function monotonicMs(): number {
  return globalThis.performance.now();
}
