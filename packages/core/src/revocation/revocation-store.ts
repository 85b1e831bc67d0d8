// The port through which instances share revocations: a store every instance writes to and hears from.
import type { RevocationEntry } from './revocation-entry.js';

/** Whether the local view is current: `available` once loaded and listening, `unavailable` while it may miss entries. */
export type RevocationStoreStatus = { readonly kind: 'available' } | { readonly kind: 'unavailable'; readonly code?: string };

/** Where a store delivers entries and its status: the instance's local view. Must not throw. */
export interface RevocationSink {
  add(entry: RevocationEntry): void;
  status(status: RevocationStoreStatus): void;
}

/**
 * Shared revocations. An instance subscribes once, at creation: the store delivers the entries it
 * holds (so a restarted instance knows earlier revocations), then every new one from any instance,
 * and tells the sink whenever it can no longer promise that (`unavailable`) and when it can again.
 * It must report a first status promptly (loaded: `available`; could not load: `unavailable`): until
 * then verifying checks wait for it (at most 5 s, after which it counts as unavailable).
 * The request path never calls the store: it reads the local view the sink fills.
 *
 * Implementations: `createMemoryRevocationStore()` (one process, the default) and
 * `createRedisRevocationStore()` from `@lockstep/redis-store` (several processes).
 *
 * @example
 * const revocationStore: RevocationStore = createMemoryRevocationStore();
 * createLockstep({ provider, revocation: { store: revocationStore } });
 */
export interface RevocationStore {
  /** Stores `entry` and tells every subscriber; resolves once the store holds it, rejects if it could not. */
  publish(entry: RevocationEntry): Promise<void>;
  /** Starts delivering to `sink`; returns the function that stops. */
  subscribe(sink: RevocationSink): () => void;
}
