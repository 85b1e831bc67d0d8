// Mirrors the embedded mock's clock into the file the app's Lockstep instances read (lib/clock-file.ts):
// at once for changes through the returned controls (the tests), and by polling for changes made
// over HTTP (`POST <mock>/__mock/clock/advance`).
import type { ClockControls, RunningMockAuth } from '@lockstep/mock-auth';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeClockFile, type ClockState } from '../lib/clock-file.js';

const POLL_MS = 200;
/** `now() - Date.now()` of a running clock can differ by a tick between two reads. */
const JITTER_MS = 5;

export interface ClockMirror {
  /** The file to hand to the app as `LOCKSTEP_DEMO_CLOCK_FILE`. */
  readonly path: string;
  /** The mock with clock controls that update the file before they return. */
  readonly mock: RunningMockAuth;
  readonly stop: () => void;
}

/** Starts mirroring `mock`'s clock. */
export function mirrorMockClock(mock: RunningMockAuth): ClockMirror {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-demo-next-'));
  const path = join(dir, 'clock.json');
  const clock = mock.controls.clock;
  let written: ClockState | null = null;
  const sync = (): void => {
    const state: ClockState = clock.isFrozen() ? { frozen: true, ms: clock.now() } : { frozen: false, offsetMs: clock.now() - Date.now() };
    if (written !== null && same(written, state)) return;
    writeClockFile(path, state);
    written = state;
  };
  sync();
  const timer = setInterval(sync, POLL_MS);
  timer.unref();
  const after =
    <A extends unknown[], R>(control: (...args: A) => R) =>
    (...args: A): R => {
      const result = control(...args);
      sync();
      return result;
    };
  const mirrored: ClockControls = {
    now: clock.now,
    isFrozen: clock.isFrozen,
    advance: after(clock.advance),
    freeze: after(clock.freeze),
    unfreeze: after(clock.unfreeze),
    set: after(clock.set),
  };
  const reset = mock.controls.reset;
  return {
    path,
    mock: Object.freeze({ ...mock, controls: Object.freeze({ ...mock.controls, clock: mirrored, reset: after(reset) }) }),
    stop() {
      clearInterval(timer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function same(a: ClockState, b: ClockState): boolean {
  if (a.frozen && b.frozen) return a.ms === b.ms;
  if (!a.frozen && !b.frozen) return Math.abs(a.offsetMs - b.offsetMs) <= JITTER_MS;
  return false;
}
