// Stores on separate clients (one per simulated process) against one test-file redis-server, with records to put.
import type { SuccessorRecord } from '@lockstep/core/refresh';
import { afterAll, beforeAll, expect } from 'vitest';
import { createRedisRefreshStore, type RedisRefreshStore, type RedisRefreshStoreOptions } from '../../src/index.js';
import { startRedisServer, type RedisServer } from './redis-server.js';

export const T0 = 1_700_000_000;

export const record = (refreshToken: string, generation: number): SuccessorRecord => ({
  session: { accessToken: `access-for-${refreshToken}`, refreshToken, expiresAt: T0 + 3600, user: { id: 'user-1', email: 'ada@example.com', raw: { aud: 'authenticated' } } },
  next: `hash-of-${refreshToken}`,
  generation,
});

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with `probe`'s first defined value, checked every 10 ms; rejects after `timeoutMs` (a bounded wait for a condition, not a guess at a duration). */
export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/**
 * `waiter` waits on `key` while `holder` holds the lock of `generation`; the release wakes it
 * (pub/sub) within `withinMs`, and nothing woke it before.
 */
export async function expectReleaseWakesWaiter(holder: RedisRefreshStore, waiter: RedisRefreshStore, key: string, generation: number, withinMs: number): Promise<void> {
  let woken = false;
  const waiting = waiter.waitForUnlock(key, T0, AbortSignal.timeout(5000)).then(() => (woken = true));
  await sleep(50);
  expect(woken).toBe(false);
  const released = Date.now();
  await holder.releaseLock(key, generation);
  await waiting;
  expect(Date.now() - released).toBeLessThan(withinMs);
}

export interface StoreFixture {
  readonly redis: RedisServer;
  /** Two stores on separate clients ("two processes"), under a key prefix of their own. */
  pair(options?: Partial<RedisRefreshStoreOptions>): [RedisRefreshStore, RedisRefreshStore, string];
  /** A store on a new client made with `clientOptions`. */
  store(options?: Partial<RedisRefreshStoreOptions>, clientOptions?: Parameters<RedisServer['client']>[0]): RedisRefreshStore;
  /** A prefix no other test uses. */
  uniquePrefix(label?: string): string;
}

/** Starts a redis-server for the calling describe block and stops it (and its stores) after. */
export function useStoreFixture(): StoreFixture {
  let redis: RedisServer | undefined;
  let prefixes = 0;
  const stores: RedisRefreshStore[] = [];
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
      const store = createRedisRefreshStore({ client: server().client(clientOptions), ...options });
      stores.push(store);
      return store;
    },
    pair(options = {}) {
      const keyPrefix = fixture.uniquePrefix();
      return [fixture.store({ keyPrefix, ...options }), fixture.store({ keyPrefix, ...options }), keyPrefix];
    },
  };
  return fixture;
}
