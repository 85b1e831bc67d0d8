// The demo clock shared across processes: the launcher mirrors the embedded mock's clock into a small
// file, and the app's Lockstep instances (proxy and server helpers, in the `next start` process) read
// it. Mock mode only; with a real Supabase project the app runs on the real clock.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

/** The environment variable that carries the file's path into the `next start` process. */
export const CLOCK_FILE_ENV = 'LOCKSTEP_DEMO_CLOCK_FILE';

/** The mock clock's state: stopped at `ms`, or running at real time plus `offsetMs`. */
export type ClockState = { readonly frozen: true; readonly ms: number } | { readonly frozen: false; readonly offsetMs: number };

/** Writes the state atomically (temp file + rename), so a reader never sees a half-written file. */
export function writeClockFile(path: string, state: ClockState): void {
  const temp = `${path}.tmp`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, path);
}

/** Epoch milliseconds according to the state in the file. */
export function readClockFile(path: string, realNow: () => number = Date.now): number {
  const state = JSON.parse(readFileSync(path, 'utf8')) as ClockState;
  return state.frozen ? state.ms : realNow() + state.offsetMs;
}

/**
 * Lockstep's `now` effect (Unix seconds) for the app: the mirrored mock clock when the launcher set
 * `LOCKSTEP_DEMO_CLOCK_FILE`, otherwise real time.
 */
export function demoNow(): () => number {
  const path = process.env[CLOCK_FILE_ENV];
  if (path === undefined || path === '') return () => Date.now() / 1000;
  return () => readClockFile(path) / 1000;
}
