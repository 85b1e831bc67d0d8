// Stores on separate clients (one per simulated process) against one test-file redis-server, with records to put.
import type { SuccessorRecord } from '@lockstep/core/refresh';
import { afterAll, beforeAll, expect } from 'vitest';
import { createRedisRefreshStore, type RedisRefreshStore, type RedisRefreshStoreOptions } from '../../src/index.js';
import { watchLockChecks } from './lock-checks.js';
import { startRedisServer, type RedisServer } from './redis-server.js';
import { within } from './within.js';

export const T0 = 1_700_000_000;

export const record = (refreshToken: string, generation: number): SuccessorRecord => ({
  session: { accessToken: `access-for-${refreshToken}`, refreshToken, expiresAt: T0 + 3600, user: { id: 'user-1', email: 'ada@example.com', raw: { aud: 'authenticated' } } },
  next: `hash-of-${refreshToken}`,
  generation,
});

/**
 * Resolves with `probe`'s first defined value, checked every 10 ms; rejects after `timeoutMs`. A
 * bounded poll for a condition no event announces (e.g. which cluster node got a key), not a guess
 * at a duration.
 */
export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * `waiter` (made with `pollIntervalMs: 60_000`) waits on `key` while `holder` holds the lock of
 * `generation`: once `parked()` says it looked and found the lock held, nothing has woken it; the
 * release then wakes it. Its signal never aborts and it does not poll again within the ceiling,
 * so only the published release can have woken it.
 */
export async function expectReleaseWakesWaiter(holder: RedisRefreshStore, waiter: RedisRefreshStore, key: string, generation: number, parked: () => Promise<void>): Promise<void> {
  let woken = false;
  const never = new AbortController().signal;
  const waiting = waiter.waitForUnlock(key, T0, never).then(() => (woken = true));
  await within(parked(), 5000, 'the waiter to find the lock held');
  expect(woken).toBe(false);
  await holder.releaseLock(key, generation);
  await within(waiting, 5000, 'the published release to wake the waiter');
  expect(never.aborted).toBe(false);
}

export interface StoreFixture {
  readonly redis: RedisServer;
  /** Two stores on separate clients ("two processes"), under a key prefix of their own. */
  pair(options?: Partial<RedisRefreshStoreOptions>): [RedisRefreshStore, RedisRefreshStore, string];
  /** A store on a new client made with `clientOptions`. */
  store(options?: Partial<RedisRefreshStoreOptions>, clientOptions?: Parameters<RedisServer['client']>[0]): RedisRefreshStore;
  /** A prefix no other test uses. */
  uniquePrefix(label?: string): string;
  /** Resolves once `store` (made here) has found a lock held `count` times: a waiter is then parked on pub/sub. */
  parked(store: RedisRefreshStore, count?: number): Promise<void>;
}

/** Starts a redis-server for the calling describe block and stops it (and its stores) after. */
export function useStoreFixture(): StoreFixture {
  let redis: RedisServer | undefined;
  let prefixes = 0;
  const stores: RedisRefreshStore[] = [];
  const lockChecks = new WeakMap<RedisRefreshStore, (count?: number) => Promise<void>>();
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    for (const store of stores) store.close();
    await redis?.stop();
  });
  const server = (): RedisServer => {
    if (redis === undefined) throw new Error('redis-server not started');
    return redis;
  };
  const fixture: StoreFixture = {
    get redis() {
      return server();
    },
    uniquePrefix: (label = 't') => `${label}${(prefixes += 1)}:`,
    store(options = {}, clientOptions = {}) {
      const watched = watchLockChecks(server().client(clientOptions));
      // A generous deadline unless a test sets its own: on a loaded runner a slow first reply must
      // not fail a test about locks or successors (the deadline itself is tested in redis-outage).
      const store = createRedisRefreshStore({ client: watched.client, commandTimeoutMs: 2000, ...options });
      stores.push(store);
      lockChecks.set(store, watched.heldSeen);
      return store;
    },
    parked(store, count) {
      const heldSeen = lockChecks.get(store);
      if (heldSeen === undefined) throw new Error('parked() needs a store made by this fixture');
      return heldSeen(count);
    },
    pair(options = {}) {
      const keyPrefix = fixture.uniquePrefix();
      return [fixture.store({ keyPrefix, ...options }), fixture.store({ keyPrefix, ...options }), keyPrefix];
    },
  };
  return fixture;
}
