// Watches a store's looks at a held lock, so a test can await the moment a waiter is parked on pub/sub.
import type { RedisClient } from '../../src/index.js';

/** A client that reports every `EXISTS` reply of 1 (the only `EXISTS` the store sends: "is the lock still held?"). */
export interface WatchedClient {
  readonly client: RedisClient;
  /**
   * Resolves once the store has found a lock held `count` times in all. `waitForUnlock` subscribes
   * before its first look, so after the first such reply the waiter is parked: only a published
   * release, its own poll or its signal can wake it from then on.
   */
  heldSeen(count?: number): Promise<void>;
}

/** Wraps `inner` (a `Redis` or a `Cluster`), forwarding every call unchanged. */
export function watchLockChecks(inner: RedisClient): WatchedClient {
  let seen = 0;
  const watchers: { count: number; resolve: () => void }[] = [];
  const client: RedisClient = {
    evalsha: (sha, keyCount, ...keysAndArgs) => inner.evalsha(sha, keyCount, ...keysAndArgs),
    eval: (source, keyCount, ...keysAndArgs) => inner.eval(source, keyCount, ...keysAndArgs),
    hget: (key, field) => inner.hget(key, field),
    async exists(key) {
      const reply = await inner.exists(key);
      if (reply === 1) {
        seen += 1;
        for (const watcher of watchers.filter((w) => w.count <= seen)) {
          watchers.splice(watchers.indexOf(watcher), 1);
          watcher.resolve();
        }
      }
      return reply;
    },
    duplicate: () => inner.duplicate(),
  };
  return {
    client,
    heldSeen: (count = 1) => (seen >= count ? Promise.resolve() : new Promise((resolve) => watchers.push({ count, resolve }))),
  };
}
