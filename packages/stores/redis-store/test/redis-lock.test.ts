// The lock and its waiters on a real redis-server: exclusivity, fencing generations, expiry, stale releases, waking.
import { describe, expect, it } from 'vitest';
import type { RedisRefreshStore } from '../src/index.js';
import { HAS_REDIS } from './support/redis-server.js';
import { T0, expectReleaseWakesWaiter, record, sleep, useStoreFixture } from './support/store-fixtures.js';

describe.runIf(HAS_REDIS)('redis refresh store: lock and waiters (real redis-server)', () => {
  const fixture = useStoreFixture();
  const { pair } = fixture;
  describe('lock', () => {
    it('is exclusive across processes, and every grant outranks every earlier one (the server clock, in µs)', async () => {
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

    it('is refused while a successor is recorded: a late flight takes the successor instead of spending the token again', async () => {
      const [one, two, prefix] = pair();
      const grant = await one.acquireLock('key-a', T0, T0 + 10);
      const generation = grant.acquired ? grant.generation : 0;
      expect(await one.putSuccessor('key-a', record('rt-b', generation), T0, T0 + 0.2)).toBe(true);
      await one.releaseLock('key-a', generation);
      expect(await fixture.redis.client().exists(`${prefix}lock:{key-a}`)).toBe(0);
      expect(await two.acquireLock('key-a', T0, T0 + 10)).toEqual({ acquired: false });
      // Free again once the successor expired (nothing left to hand out).
      await sleep(300);
      expect((await two.acquireLock('key-a', T0, T0 + 10)).acquired).toBe(true);
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
      await expectReleaseWakesWaiter(one, two, 'key-a', grant.acquired ? grant.generation : 0, 500);
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
      expect(Date.now() - aborted).toBeLessThan(100);
    });

    it('works on clients that have their own ioredis keyPrefix (keys prefixed twice, channel as published)', async () => {
      const clientPrefix = fixture.uniquePrefix('app');
      const make = (): RedisRefreshStore => fixture.store({ pollIntervalMs: 60_000 }, { keyPrefix: clientPrefix });
      const [one, two] = [make(), make()];
      const grant = await one.acquireLock('key-a', T0, T0 + 10);
      expect(await fixture.redis.client().exists(`${clientPrefix}lockstep:lock:{key-a}`)).toBe(1);
      const waiting = two.waitForUnlock('key-a', T0, AbortSignal.timeout(5000));
      await sleep(50);
      const released = Date.now();
      await one.releaseLock('key-a', grant.acquired ? grant.generation : 0);
      await waiting;
      expect(Date.now() - released).toBeLessThan(500);
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
