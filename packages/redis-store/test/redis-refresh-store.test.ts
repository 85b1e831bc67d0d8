// Each store method against a real redis-server: ordering, exclusivity, expiry, fencing, waking.
import type { SuccessorRecord } from '@lockstep/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRefreshStore, RedisStoreError, type RedisRefreshStore, type RedisRefreshStoreOptions } from '../src/index.js';
import { HAS_REDIS, startRedisServer, type RedisServer } from './support/redis-server.js';

const T0 = 1_700_000_000;
const record = (refreshToken: string, generation: number): SuccessorRecord => ({
  session: { accessToken: `access-for-${refreshToken}`, refreshToken, expiresAt: T0 + 3600, user: { id: 'user-1', email: 'ada@example.com', raw: { aud: 'authenticated' } } },
  next: `hash-of-${refreshToken}`,
  generation,
});
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(HAS_REDIS)('redis refresh store (real redis-server)', () => {
  let redis: RedisServer;
  let prefixes = 0;
  const stores: RedisRefreshStore[] = [];
  /** Two stores on separate clients (two "processes"), with a prefix of their own per test. */
  const pair = (options: Partial<RedisRefreshStoreOptions> = {}): [RedisRefreshStore, RedisRefreshStore, string] => {
    const keyPrefix = `t${(prefixes += 1)}:`;
    const make = (): RedisRefreshStore => {
      const store = createRedisRefreshStore({ client: redis.client(), keyPrefix, ...options });
      stores.push(store);
      return store;
    };
    return [make(), make(), keyPrefix];
  };

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    for (const store of stores) store.close();
    await redis.stop();
  });

  describe('successors', () => {
    it('round-trips a record through JSON, under a key that is the token hash', async () => {
      const [one, two, prefix] = pair();
      expect(await one.getSuccessor('key-a', T0)).toBeUndefined();
      expect(await one.putSuccessor('key-a', record('rt-b', 1), T0, T0 + 10)).toBe(true);
      expect(await two.getSuccessor('key-a', T0)).toEqual(record('rt-b', 1));
      const admin = redis.client();
      expect(await admin.keys(`${prefix}*`)).toEqual([`${prefix}successor:key-a`]);
      const ttl = await admin.pttl(`${prefix}successor:key-a`);
      expect(ttl).toBeGreaterThan(9000);
      expect(ttl).toBeLessThanOrEqual(10_000);
    });

    it('never lets an older generation overwrite a newer one, nor an equal one replace it', async () => {
      const [one, two] = pair();
      expect(await one.putSuccessor('key-a', record('rt-newer', 5), T0, T0 + 10)).toBe(true);
      expect(await two.putSuccessor('key-a', record('rt-older', 4), T0, T0 + 10)).toBe(false);
      expect(await two.putSuccessor('key-a', record('rt-same', 5), T0, T0 + 10)).toBe(false);
      expect((await one.getSuccessor('key-a', T0))?.session.refreshToken).toBe('rt-newer');
      expect(await two.putSuccessor('key-a', record('rt-newest', 6), T0, T0 + 10)).toBe(true);
      expect((await one.getSuccessor('key-a', T0))?.session.refreshToken).toBe('rt-newest');
    });

    it('forgets a record at its expiry (Redis PX), after which any generation may write again', async () => {
      const [one] = pair();
      expect(await one.putSuccessor('key-a', record('rt-b', 9), T0, T0 + 0.05)).toBe(true);
      await sleep(120);
      expect(await one.getSuccessor('key-a', T0)).toBeUndefined();
      expect(await one.putSuccessor('key-a', record('rt-c', 0), T0, T0 + 10)).toBe(true);
    });

    it('refuses a stored value that is not a record (never a session from garbage) and reports it', async () => {
      const errors: RedisStoreError[] = [];
      const [one, , prefix] = pair({ onError: (error) => errors.push(error) });
      await redis.client().hset(`${prefix}successor:key-a`, 'generation', '1', 'record', '{"session":{"error":"invalid_grant"},"next":"x","generation":1}');
      await expect(one.getSuccessor('key-a', T0)).rejects.toMatchObject({ code: 'ERR_REDIS_STORE_CORRUPT', operation: 'getSuccessor' });
      expect(errors.map((error) => error.code)).toEqual(['ERR_REDIS_STORE_CORRUPT']);
    });

    it('reloads its scripts after the server forgot them (SCRIPT FLUSH, restart)', async () => {
      const [one] = pair();
      expect(await one.putSuccessor('key-a', record('rt-b', 1), T0, T0 + 10)).toBe(true);
      await redis.client().script('FLUSH');
      expect(await one.putSuccessor('key-a', record('rt-c', 2), T0, T0 + 10)).toBe(true);
    });
  });

  describe('lock', () => {
    it('is exclusive across processes, and every grant outranks every earlier one, store-wide', async () => {
      const [one, two] = pair();
      const first = await one.acquireLock('key-a', T0, T0 + 10);
      expect(first).toMatchObject({ acquired: true });
      expect(await two.acquireLock('key-a', T0, T0 + 10)).toEqual({ acquired: false });
      const other = await two.acquireLock('key-b', T0, T0 + 10);
      expect(other.acquired && first.acquired && other.generation > first.generation).toBe(true);
      await one.releaseLock('key-a', first.acquired ? first.generation : 0);
      const again = await two.acquireLock('key-a', T0, T0 + 10);
      expect(again.acquired && other.acquired && again.generation > other.generation).toBe(true);
    });

    it('expires by itself (Redis PX), so a crashed holder frees it', async () => {
      const [one, two] = pair();
      expect((await one.acquireLock('key-a', T0, T0 + 0.05)).acquired).toBe(true);
      expect((await two.acquireLock('key-a', T0, T0 + 10)).acquired).toBe(false);
      await sleep(120);
      expect((await two.acquireLock('key-a', T0, T0 + 10)).acquired).toBe(true);
    });

    it('ignores a stale release: a holder whose lock expired cannot free its successor\'s lock', async () => {
      const [one, two] = pair();
      const stale = await one.acquireLock('key-a', T0, T0 + 0.05);
      await sleep(120);
      const current = await two.acquireLock('key-a', T0, T0 + 10);
      expect(current.acquired).toBe(true);
      await one.releaseLock('key-a', stale.acquired ? stale.generation : 0);
      expect(await one.acquireLock('key-a', T0, T0 + 10)).toEqual({ acquired: false });
    });
  });

  describe('waitForUnlock', () => {
    it('resolves at once when the lock is free', async () => {
      const [one] = pair();
      await one.waitForUnlock('key-a', T0, new AbortController().signal);
    });

    it('wakes a waiter in another process on release, through pub/sub (no polling needed)', async () => {
      const [one, two] = pair({ pollIntervalMs: 60_000 });
      const grant = await one.acquireLock('key-a', T0, T0 + 10);
      let woken = false;
      const waiting = two.waitForUnlock('key-a', T0, AbortSignal.timeout(5000)).then(() => (woken = true));
      await sleep(50);
      expect(woken).toBe(false);
      const released = Date.now();
      await one.releaseLock('key-a', grant.acquired ? grant.generation : 0);
      await waiting;
      expect(Date.now() - released).toBeLessThan(200);
    });

    it('is not woken by the release of another key, nor by a stale release', async () => {
      const [one, two] = pair({ pollIntervalMs: 60_000 });
      const stale = await one.acquireLock('key-a', T0, T0 + 0.05);
      await sleep(120);
      await two.acquireLock('key-a', T0, T0 + 10);
      let woken = false;
      void one.waitForUnlock('key-a', T0, AbortSignal.timeout(400)).then(() => (woken = true));
      await sleep(30);
      await one.releaseLock('key-a', stale.acquired ? stale.generation : 0);
      const other = await two.acquireLock('key-b', T0, T0 + 10);
      await two.releaseLock('key-b', other.acquired ? other.generation : 0);
      await sleep(100);
      expect(woken).toBe(false);
    });

    it('resolves when its signal aborts, and never rejects', async () => {
      const [one, two] = pair({ pollIntervalMs: 60_000 });
      await one.acquireLock('key-a', T0, T0 + 10);
      const controller = new AbortController();
      const waiting = two.waitForUnlock('key-a', T0, controller.signal);
      await sleep(50);
      const aborted = Date.now();
      controller.abort();
      await expect(waiting).resolves.toBeUndefined();
      expect(Date.now() - aborted).toBeLessThan(50);
    });

    it('works on clients that have their own ioredis keyPrefix (keys prefixed twice, channel as published)', async () => {
      const clientPrefix = `app${(prefixes += 1)}:`;
      const make = (): RedisRefreshStore => {
        const store = createRedisRefreshStore({ client: redis.client({ keyPrefix: clientPrefix }), pollIntervalMs: 60_000 });
        stores.push(store);
        return store;
      };
      const [one, two] = [make(), make()];
      const grant = await one.acquireLock('key-a', T0, T0 + 10);
      expect(await redis.client().exists(`${clientPrefix}lockstep:lock:key-a`)).toBe(1);
      const waiting = two.waitForUnlock('key-a', T0, AbortSignal.timeout(5000));
      await sleep(50);
      const released = Date.now();
      await one.releaseLock('key-a', grant.acquired ? grant.generation : 0);
      await waiting;
      expect(Date.now() - released).toBeLessThan(200);
    });

    it('notices an expired lock by polling (Redis publishes nothing on expiry)', async () => {
      const [one, two] = pair({ pollIntervalMs: 20 });
      await one.acquireLock('key-a', T0, T0 + 0.1);
      const started = Date.now();
      await two.waitForUnlock('key-a', T0, AbortSignal.timeout(5000));
      expect(Date.now() - started).toBeLessThan(1000);
    });
  });
});
