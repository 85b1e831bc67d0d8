// The default, single-process RefreshStore: successors and locks in one bounded LRU cache.
import { LockstepError } from '../errors.js';
import { LruCache } from '../util/lru-cache.js';
import type { RefreshLockGrant, RefreshStore, SuccessorRecord } from './refresh-store.js';

/** Options of {@link createMemoryRefreshStore}. */
export interface MemoryRefreshStoreOptions {
  /**
   * Most successors and locks held at once; past it the least recently used goes first, so
   * memory stays bounded however many distinct tokens are refreshed.
   * @default 10_000
   */
  readonly maxEntries?: number;
}

/** The in-memory store, with its entry count for monitoring and tests. */
export interface MemoryRefreshStore extends RefreshStore {
  /** Successors and locks currently held (expired ones count until touched or evicted). */
  readonly size: number;
}

const DEFAULTS = { maxEntries: 10_000 } as const;

type Entry = { readonly kind: 'successor'; readonly record: SuccessorRecord } | { readonly kind: 'lock'; readonly generation: number };

// Separate key spaces in one cache, so a single bound covers both kinds of entry.
const successorKey = (key: string): string => `s:${key}`;
const lockKey = (key: string): string => `l:${key}`;

/**
 * Creates a {@link RefreshStore} for one process (or several coordinators in one process).
 * Nothing waits on a timer: a lock's waiters are woken by its release, or by their own signal.
 *
 * @example
 * const store = createMemoryRefreshStore({ maxEntries: 50_000 });
 * const coordinator = createRefreshCoordinator({ store });
 */
export function createMemoryRefreshStore(options: MemoryRefreshStoreOptions = {}): MemoryRefreshStore {
  const maxEntries = options.maxEntries ?? DEFAULTS.maxEntries;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new LockstepError('ERR_CONFIG_INVALID', 'refresh store: maxEntries must be a positive integer');
  }
  const cache = new LruCache<string, Entry>(maxEntries);
  const waiters = new Map<string, Set<() => void>>();
  // Store-wide, so a later grant outranks every earlier one even after its key was evicted.
  let lastGeneration = 0;

  // An expired entry must still be found to be compared or released: -Infinity is before every expiry.
  const peek = (key: string): Entry | undefined => cache.get(key, Number.NEGATIVE_INFINITY);

  const wake = (key: string): void => {
    const waiting = waiters.get(key);
    if (waiting === undefined) return;
    waiters.delete(key);
    for (const resolve of waiting) resolve();
  };

  return {
    get size() {
      return cache.size;
    },

    async getSuccessor(key, now) {
      const entry = cache.get(successorKey(key), now);
      return entry?.kind === 'successor' ? entry.record : undefined;
    },

    async putSuccessor(key, record, now, expiresAt) {
      const existing = cache.get(successorKey(key), now);
      if (existing?.kind === 'successor' && existing.record.generation >= record.generation) return false;
      cache.set(successorKey(key), { kind: 'successor', record }, expiresAt);
      return true;
    },

    async acquireLock(key, now, expiresAt): Promise<RefreshLockGrant> {
      if (cache.get(lockKey(key), now) !== undefined) return { acquired: false };
      lastGeneration += 1;
      cache.set(lockKey(key), { kind: 'lock', generation: lastGeneration }, expiresAt);
      return { acquired: true, generation: lastGeneration };
    },

    async releaseLock(key, generation) {
      const held = peek(lockKey(key));
      // Another generation holds it: this holder's lock expired and was taken over; leave it.
      if (held?.kind === 'lock' && held.generation !== generation) return;
      cache.delete(lockKey(key));
      wake(key);
    },

    waitForUnlock(key, now, signal) {
      if (signal.aborted || cache.get(lockKey(key), now) === undefined) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = (): void => {
          signal.removeEventListener('abort', done);
          const waiting = waiters.get(key);
          waiting?.delete(done);
          if (waiting?.size === 0) waiters.delete(key);
          resolve();
        };
        signal.addEventListener('abort', done, { once: true });
        let waiting = waiters.get(key);
        if (waiting === undefined) waiters.set(key, (waiting = new Set()));
        waiting.add(done);
      });
    },
  };
}
