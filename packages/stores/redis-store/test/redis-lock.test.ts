// The lock and its waiters on a real redis-server: exclusivity, fencing generations, expiry, stale releases, waking.
import { describe, expect, it } from 'vitest';
import type { RedisRefreshStore } from '../src/index.js';
import { HAS_REDIS } from './support/redis-server.js';
import { watchExpiry } from './support/key-events.js';
import { T0, expectReleaseWakesWaiter, record, useStoreFixture } from './support/store-fixtures.js';
import { within } from './support/within.js';

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
      const admin = fixture.redis.client();
      const successorKey = `${prefix}successor:{key-a}`;
      const grant = await one.acquireLock('key-a', T0, T0 + 10);
      const generation = grant.acquired ? grant.generation : 0;
      const successorExpired = await watchExpiry(fixture.redis, successorKey);
      expect(await one.putSuccessor('key-a', record('rt-b', generation), T0, T0 + 10)).toBe(true);
      await one.releaseLock('key-a', generation);
      expect(await admin.exists(`${prefix}lock:{key-a}`)).toBe(0);
      expect(await two.acquireLock('key-a', T0, T0 + 10)).toEqual({ acquired: false });
      // Free again once the successor expired (nothing left to hand out). A long TTL keeps the
      // refusal above free of any race with the clock; Redis is then told to expire it now, and the
      // test awaits Redis's own expiry event rather than sleeping.
      await admin.pexpire(successorKey, 1);
      await successorExpired.happened;
      expect((await two.acquireLock('key-a', T0, T0 + 10)).acquired).toBe(true);
    });

    it('expires by itself (Redis PX), so a crashed holder frees it', async () => {
      const [one, two, prefix] = pair();
      const admin = fixture.redis.client();
      const lockKey = `${prefix}lock:{key-a}`;
      const lockExpired = await watchExpiry(fixture.redis, lockKey);
      const taken = performance.now();
      expect((await one.acquireLock('key-a', T0, T0 + 10)).acquired).toBe(true);
      expect((await two.acquireLock('key-a', T0, T0 + 10)).acquired).toBe(false);
      // The grant carries PX 10 000, less only the real time since (however loaded the machine)...
      const ttl = await admin.pttl(lockKey);
      expect(ttl).toBeGreaterThanOrEqual(10_000 - Math.ceil(performance.now() - taken) - 1);
      expect(ttl).toBeLessThanOrEqual(10_000);
      // ...and once that runs out (brought forward here), Redis drops it without its holder: the event, not a sleep.
      await admin.pexpire(lockKey, 1);
      await lockExpired.happened;
      expect((await two.acquireLock('key-a', T0, T0 + 10)).acquired).toBe(true);
    });

    it('ignores a stale release: a holder whose lock expired cannot free its successor\'s lock', async () => {
      const [one, two, prefix] = pair();
      const lockExpired = await watchExpiry(fixture.redis, `${prefix}lock:{key-a}`);
      const stale = await one.acquireLock('key-a', T0, T0 + 0.05);
      await lockExpired.happened;
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
      await expectReleaseWakesWaiter(one, two, 'key-a', grant.acquired ? grant.generation : 0, () => fixture.parked(two));
    });

    it('is not woken by the release of another key, nor by a stale release', async () => {
      const [one, two, prefix] = pair({ pollIntervalMs: 60_000 });
      const lockExpired = await watchExpiry(fixture.redis, `${prefix}lock:{key-a}`);
      const stale = await one.acquireLock('key-a', T0, T0 + 0.05);
      await lockExpired.happened;
      const current = await two.acquireLock('key-a', T0, T0 + 10);
      // A fence: a second waiter on the same store (so the same subscriber connection), for a key of its own.
      const fence = await two.acquireLock('key-fence', T0, T0 + 10);
      let woken = false;
      const never = new AbortController().signal;
      const waiting = one.waitForUnlock('key-a', T0, never).then(() => (woken = true));
      const fenced = one.waitForUnlock('key-fence', T0, never);
      await within(fixture.parked(one, 2), 5000, 'both waiters to find their locks held');
      await one.releaseLock('key-a', stale.acquired ? stale.generation : 0);
      const other = await two.acquireLock('key-b', T0, T0 + 10);
      await two.releaseLock('key-b', other.acquired ? other.generation : 0);
      // Pub/sub delivers in order on one connection: once the fence's release woke its waiter,
      // anything the two releases above published has been handled, and it woke no one.
      await two.releaseLock('key-fence', fence.acquired ? fence.generation : 0);
      await within(fenced, 5000, 'the fence release');
      expect(woken).toBe(false);
      // The real release still wakes it.
      await two.releaseLock('key-a', current.acquired ? current.generation : 0);
      await within(waiting, 5000, 'the real release');
    });

    it('resolves when its signal aborts, and never rejects', async () => {
      const [one, two, prefix] = pair({ pollIntervalMs: 60_000 });
      await one.acquireLock('key-a', T0, T0 + 10);
      const controller = new AbortController();
      const waiting = two.waitForUnlock('key-a', T0, controller.signal);
      await within(fixture.parked(two), 5000, 'the waiter to find the lock held');
      controller.abort();
      // The lock is still held and no poll is due: only the abort can end the wait.
      await expect(within(waiting, 5000, 'the abort to end the wait')).resolves.toBeUndefined();
      expect(await fixture.redis.client().exists(`${prefix}lock:{key-a}`)).toBe(1);
    });

    it('works on clients that have their own ioredis keyPrefix (keys prefixed twice, channel as published)', async () => {
      const clientPrefix = fixture.uniquePrefix('app');
      const make = (): RedisRefreshStore => fixture.store({ pollIntervalMs: 60_000 }, { keyPrefix: clientPrefix });
      const [one, two] = [make(), make()];
      const grant = await one.acquireLock('key-a', T0, T0 + 10);
      expect(await fixture.redis.client().exists(`${clientPrefix}lockstep:lock:{key-a}`)).toBe(1);
      await expectReleaseWakesWaiter(one, two, 'key-a', grant.acquired ? grant.generation : 0, () => fixture.parked(two));
    });

    it('notices an expired lock by polling (Redis publishes nothing on expiry)', async () => {
      const [one, two] = pair({ pollIntervalMs: 20 });
      await one.acquireLock('key-a', T0, T0 + 0.1);
      const never = new AbortController().signal;
      // Real Redis expiry is the thing under test: bounded by a ceiling, and the signal never
      // aborts, so the wait can only end by a poll that found the lock gone.
      await within(two.waitForUnlock('key-a', T0, never), 5000, 'a poll to notice the expired lock');
      expect(never.aborted).toBe(false);
    });
  });
});
