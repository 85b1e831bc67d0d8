// Sessions, results, deferreds and a key-recording store for the refresh tests.
import type { Session } from '../../session/session.js';
import { createMemoryRefreshStore, type MemoryRefreshStore } from '../memory-refresh-store.js';
import type { RefreshResult } from '../refresh-result.js';
import type { RefreshStore } from '../refresh-store.js';

export const sessionFor = (refreshToken: string): Session => ({
  accessToken: `access-for-${refreshToken}`,
  refreshToken,
  expiresAt: 1_000_000,
  user: { id: 'user-1', raw: {} },
});

export const refreshed = (refreshToken: string): RefreshResult => ({ kind: 'refreshed', session: sessionFor(refreshToken) });

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * A `run` that reports when the upstream call starts and settles when the test says so: the test
 * awaits `started` (the flight holds the lock and every caller has joined) instead of guessing a delay.
 */
export function gatedRun(): { run: (now: number) => Promise<RefreshResult>; started: Promise<number>; gate: Deferred<RefreshResult>; calls(): number } {
  const gate = deferred<RefreshResult>();
  const start = deferred<number>();
  let calls = 0;
  const run = (now: number): Promise<RefreshResult> => {
    calls += 1;
    start.resolve(now);
    return gate.promise;
  };
  return { run, started: start.promise, gate, calls: () => calls };
}

/**
 * Wraps a store so a test can await the moment a caller parks on the lock (its `waitForUnlock`
 * call), the event after which letting the holder finish exercises the "woken by a peer" path.
 */
export function parkingStore(inner: RefreshStore): { store: RefreshStore; parked(count?: number): Promise<void> } {
  let parkedSoFar = 0;
  const watchers: { count: number; resolve: () => void }[] = [];
  const store: RefreshStore = {
    getSuccessor: (key, now) => inner.getSuccessor(key, now),
    putSuccessor: (key, record, now, expiresAt) => inner.putSuccessor(key, record, now, expiresAt),
    acquireLock: (key, now, expiresAt) => inner.acquireLock(key, now, expiresAt),
    releaseLock: (key, generation) => inner.releaseLock(key, generation),
    waitForUnlock(key, now, signal) {
      const waiting = inner.waitForUnlock(key, now, signal);
      parkedSoFar += 1;
      for (const watcher of watchers.filter((w) => w.count <= parkedSoFar)) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve();
      }
      return waiting;
    },
  };
  const parked = (count = 1): Promise<void> =>
    parkedSoFar >= count ? Promise.resolve() : new Promise((resolve) => watchers.push({ count, resolve }));
  return { store, parked };
}

/** A memory store that records every key it is handed. */
export function recordingStore(inner: MemoryRefreshStore = createMemoryRefreshStore()): { store: RefreshStore; keys: Set<string> } {
  const keys = new Set<string>();
  const store: RefreshStore = {
    getSuccessor(key, now) {
      keys.add(key);
      return inner.getSuccessor(key, now);
    },
    putSuccessor(key, record, now, expiresAt) {
      keys.add(key).add(record.next);
      return inner.putSuccessor(key, record, now, expiresAt);
    },
    acquireLock(key, now, expiresAt) {
      keys.add(key);
      return inner.acquireLock(key, now, expiresAt);
    },
    releaseLock(key, generation) {
      keys.add(key);
      return inner.releaseLock(key, generation);
    },
    waitForUnlock(key, now, signal) {
      keys.add(key);
      return inner.waitForUnlock(key, now, signal);
    },
  };
  return { store, keys };
}
