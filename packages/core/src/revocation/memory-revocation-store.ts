// The default RevocationStore: this process's memory, shared by the instances created with it.
import type { RevocationEntry } from './revocation-entry.js';
import type { RevocationSink, RevocationStore } from './revocation-store.js';

/** Options of {@link createMemoryRevocationStore}. */
export interface MemoryRevocationStoreOptions {
  /** The time in Unix seconds, to drop expired entries before replaying them. @default Date.now() / 1000 */
  readonly now?: () => number;
}

/**
 * A {@link RevocationStore} for one process: a revocation reaches every instance subscribed to the
 * same store object, synchronously. It never becomes unavailable. Several processes need a shared
 * store (`createRedisRevocationStore` from `@lockstep/redis-store`).
 *
 * @example
 * const store = createMemoryRevocationStore();
 * const a = createLockstep({ provider, revocation: { store } });
 * const b = createLockstep({ provider, revocation: { store } }); // sees a's revocations
 */
export function createMemoryRevocationStore(options: MemoryRevocationStoreOptions = {}): RevocationStore {
  const clock = options.now ?? (() => Date.now() / 1000);
  const sinks = new Set<RevocationSink>();
  // Kept for subscribers that come later; pruned of expired entries on each publish.
  let held: RevocationEntry[] = [];
  return {
    async publish(entry) {
      const now = clock();
      held = held.filter((kept) => kept.expiresAt > now);
      held.push(entry);
      for (const sink of sinks) sink.add(entry);
    },
    subscribe(sink) {
      sinks.add(sink);
      const now = clock();
      for (const entry of held) if (entry.expiresAt > now) sink.add(entry);
      sink.status({ kind: 'available' });
      return () => void sinks.delete(sink);
    },
  };
}
