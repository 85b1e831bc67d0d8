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

/** Lets every caller hash its token and join before a flight settles (hashing is truly async). */
export const settleCallers = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 25));

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
