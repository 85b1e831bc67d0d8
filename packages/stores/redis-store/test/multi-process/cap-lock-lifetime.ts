// Shortens the refresh lock's lifetime, so a test can watch a killed holder's lock expire in a second, not the default ten.
import type { RefreshStore } from '@lockstep/core';

/**
 * `store`, with every lock granted for at most `seconds`. `createLockstep` does not expose the
 * coordinator's `lockTtlSeconds`; waiters notice the earlier expiry by polling the lock.
 *
 * @example
 * const refreshStore = capLockLifetime(createRedisRefreshStore({ client }), 1);
 */
export function capLockLifetime(store: RefreshStore, seconds: number): RefreshStore {
  return {
    getSuccessor: (key, now) => store.getSuccessor(key, now),
    putSuccessor: (key, record, now, expiresAt) => store.putSuccessor(key, record, now, expiresAt),
    acquireLock: (key, now, expiresAt) => store.acquireLock(key, now, Math.min(expiresAt, now + seconds)),
    releaseLock: (key, generation) => store.releaseLock(key, generation),
    waitForUnlock: (key, now, signal) => store.waitForUnlock(key, now, signal),
  };
}
