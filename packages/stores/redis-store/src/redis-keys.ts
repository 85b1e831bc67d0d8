// The Redis names one store uses, all under its key prefix; every per-token name ends in a token hash.

/** The names a store reads and writes. */
export interface RedisNames {
  /** Hash with `generation` and `record` (the successor JSON), expiring with Redis `PX`. */
  successor(key: string): string;
  /** String holding the fencing generation of the lock's holder, expiring with Redis `PX`. */
  lock(key: string): string;
  /** Pub/sub channel a release publishes the released token hash on. */
  readonly unlockChannel: string;
}

/**
 * Derives the names from `prefix`, e.g. `lockstep:successor:{<hash>}`. The token hash is a Redis
 * Cluster hash tag, so the lock and the successor of one token share a slot (one node), which the
 * Lua scripts that touch both need; different tokens spread over the cluster.
 *
 * @example
 * const names = redisNames('lockstep:'); names.lock(key) // 'lockstep:lock:{<hash>}'
 */
export function redisNames(prefix: string): RedisNames {
  return Object.freeze({
    successor: (key: string) => `${prefix}successor:{${key}}`,
    lock: (key: string) => `${prefix}lock:{${key}}`,
    unlockChannel: `${prefix}unlock`,
  });
}
