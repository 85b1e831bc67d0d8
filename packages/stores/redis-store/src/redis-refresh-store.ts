// A RefreshStore on Redis: one lock and one successor cache shared by every instance of an app (DESIGN §3.4).
import { LockstepError } from '@lockstep/core';
import type { RefreshLockGrant, RefreshStore } from '@lockstep/core/refresh';
import { ACQUIRE_LOCK, PUT_SUCCESSOR, RELEASE_LOCK } from './lua-scripts.js';
import { redisNames } from './redis-keys.js';
import { RedisStoreError, type RedisStoreOperation } from './redis-store-error.js';
import { resolveRedisStoreOptions, type RedisRefreshStoreOptions } from './redis-store-options.js';
import { runScript } from './run-script.js';
import { fromSuccessorJson, toSuccessorJson } from './successor-codec.js';
import { createUnlockListener } from './unlock-listener.js';
import { withDeadline } from './with-deadline.js';

/** The Redis store, with a way to let go of the connection it opened itself. */
export interface RedisRefreshStore extends RefreshStore {
  /** Wakes this store's waiters and disconnects its pub/sub connection. The client passed in stays open. */
  close(): void;
}

/**
 * Creates a {@link RefreshStore} on Redis, so N app instances behind a load balancer spend each
 * refresh token once between them. Every round trip is bounded by `commandTimeoutMs`: a slow or
 * unreachable Redis makes a method reject (`waitForUnlock` resolves instead, as the port demands),
 * and the coordinator carries on with its in-process single flight, so no session is lost.
 *
 * Expiry is Redis's own (`PX`), computed from the `now`/`expiresAt` the coordinator passes.
 *
 * `client` may be a standalone `Redis` or a `Cluster`: the keys of one token share a hash slot.
 *
 * @example
 * import { Redis } from 'ioredis';
 * const refreshStore = createRedisRefreshStore({ client: new Redis(process.env.REDIS_URL!) });
 * const lockstep = createLockstep({ supabaseUrl, supabaseKey, refreshStore });
 */
export function createRedisRefreshStore(options: RedisRefreshStoreOptions): RedisRefreshStore {
  const config = resolveRedisStoreOptions(options);
  const { client } = config;
  const names = redisNames(config.keyPrefix);

  const report = (error: RedisStoreError): void => {
    try {
      config.onError?.(error);
    } catch {
      // A broken observer must not turn a Redis hiccup into a failed request.
    }
  };

  /** One bounded round trip; failures are reported, then rejected for the coordinator to see. */
  const call = async <T>(operation: RedisStoreOperation, command: () => Promise<T>, onLate?: (value: T) => void): Promise<T> => {
    try {
      return await withDeadline(new Promise<T>((resolve) => resolve(command())), config.commandTimeoutMs, operation, onLate);
    } catch (error) {
      if (error instanceof RedisStoreError) report(error);
      throw error;
    }
  };

  const listener = createUnlockListener(config, names, report);

  const release = async (key: string, generation: number): Promise<void> => {
    await call('releaseLock', () => runScript(client, RELEASE_LOCK, [names.lock(key)], [String(generation), names.unlockChannel, key]));
  };

  return {
    async getSuccessor(key) {
      const json = await call('getSuccessor', () => client.hget(names.successor(key), 'record'));
      if (json === null) return undefined;
      const record = fromSuccessorJson(json);
      if (record === undefined) {
        const error = new RedisStoreError('ERR_REDIS_STORE_CORRUPT', 'getSuccessor', 'the stored value is not a successor record');
        report(error);
        throw error;
      }
      return record;
    },

    async putSuccessor(key, record, now, expiresAt) {
      const args = [record.generation, toSuccessorJson(record), ttlMs(now, expiresAt)];
      return (await call('putSuccessor', () => runScript(client, PUT_SUCCESSOR, [names.successor(key)], args))) === 1;
    },

    async acquireLock(key, now, expiresAt): Promise<RefreshLockGrant> {
      const ttl = ttlMs(now, expiresAt);
      const reply = await call(
        'acquireLock',
        () => runScript(client, ACQUIRE_LOCK, [names.lock(key), names.successor(key)], [ttl]),
        // A grant that arrives after we gave up would hold everyone off for the lock's lifetime.
        (late) => {
          if (isGeneration(late)) release(key, late).catch(() => undefined);
        },
      );
      return isGeneration(reply) ? { acquired: true, generation: reply } : { acquired: false };
    },

    async releaseLock(key, generation) {
      await release(key, generation);
    },

    async waitForUnlock(key, _now, signal) {
      if (signal.aborted) return;
      // Subscribed before the first look at the lock, so a release in between is not missed.
      await listener.ready();
      if (signal.aborted) return;
      await new Promise<void>((resolve) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        let done = false;
        const finish = (): void => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          signal.removeEventListener('abort', finish);
          stopListening();
          resolve();
        };
        const stopListening = listener.listen(key, finish);
        signal.addEventListener('abort', finish, { once: true });
        // Polling catches what pub/sub cannot: a lock that expired, a release missed during a reconnect.
        const check = async (): Promise<void> => {
          try {
            if ((await call('waitForUnlock', () => client.exists(names.lock(key)))) === 0) finish();
          } catch {
            // Redis is failing: stop waiting; the coordinator's next store call falls back in-process.
            finish();
          }
          if (!done) timer = setTimeout(() => void check(), config.pollIntervalMs);
        };
        void check();
      });
    },

    close() {
      listener.close();
    },
  };
}

/** Redis `PX` from the coordinator's times (Unix seconds); at least 1 ms, as `PX 0` is an error. */
function ttlMs(now: number, expiresAt: number): number {
  const ms = Math.ceil((expiresAt - now) * 1000);
  if (!Number.isFinite(ms)) throw new LockstepError('ERR_INTERNAL', 'redis refresh store: now and expiresAt must be finite Unix seconds');
  return Math.max(1, ms);
}

function isGeneration(reply: unknown): reply is number {
  return typeof reply === 'number' && Number.isSafeInteger(reply) && reply > 0;
}
