// A slow or unreachable Redis: every store call is bounded, late grants are undone, and no session is lost.
import type { SuccessorRecord } from '@lockstep/core/refresh';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRedisRefreshStore, type RedisRefreshStore, type RedisStoreError } from '../src/index.js';
import { createAppFleet, LIFETIME, spread, tokensOf } from './support/app-instances.js';
import { watchKeyEvent } from './support/key-events.js';
import { HAS_REDIS, freePort, startRedisServer } from './support/redis-server.js';
import { Redis } from 'ioredis';

const T0 = 1_700_000_000;
const TIMEOUT = 250;
// The fleet's deadline: long enough that a loaded runner answers in time while Redis is up.
const STOPPED_TIMEOUT = 1000;
const RECORD: SuccessorRecord = { session: { accessToken: 'a', refreshToken: 'r', expiresAt: T0, user: null }, next: 'n', generation: 1 };

/** Whether `promise` has settled, checked without letting any time pass. */
function settledFlag(promise: Promise<unknown>): () => boolean {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  return () => settled;
}

/** How `promise` settled (never throws). */
const outcomeOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    (value) => ({ resolved: value }),
    (error: unknown) => ({ rejected: (error as RedisStoreError).code }),
  );

// The deadlines are the store's own timers: faked here, so "bounded by commandTimeoutMs" is checked
// to the millisecond on fake time, however loaded the machine (ioredis's reconnect timers are faked
// too; nothing here needs them to fire).
describe('redis down: a closed port', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('bounds every method by commandTimeoutMs (offline queue): rejects with ERR_REDIS_STORE_TIMEOUT, waitForUnlock resolves', async () => {
    const port = await freePort();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const client = new Redis({ host: '127.0.0.1', port });
    client.on('error', () => undefined);
    const errors: RedisStoreError[] = [];
    const store = createRedisRefreshStore({ client, onError: (error) => errors.push(error) });
    try {
      const calls = [
        store.getSuccessor('key-a', T0),
        store.putSuccessor('key-a', RECORD, T0, T0 + 10),
        store.acquireLock('key-a', T0, T0 + 10),
        store.releaseLock('key-a', 1),
      ];
      const settled = calls.map(settledFlag);
      const outcomes = Promise.all(calls.map(outcomeOf));
      await vi.advanceTimersByTimeAsync(TIMEOUT - 1);
      expect(settled.map((done) => done())).toEqual([false, false, false, false]);
      await vi.advanceTimersByTimeAsync(1);
      expect(await outcomes).toEqual(Array.from({ length: 4 }, () => ({ rejected: 'ERR_REDIS_STORE_TIMEOUT' })));
      // Subscribing and the first look at the lock each get one deadline; then it stops waiting.
      const waiting = store.waitForUnlock('key-a', T0, new AbortController().signal);
      const waited = settledFlag(waiting);
      await vi.advanceTimersByTimeAsync(2 * TIMEOUT - 1);
      expect(waited()).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await outcomeOf(waiting)).toEqual({ resolved: undefined });
      expect(new Set(errors.map((error) => error.operation))).toEqual(new Set(['getSuccessor', 'putSuccessor', 'acquireLock', 'releaseLock', 'subscribe', 'waitForUnlock']));
      // Never a token (nor the record's JSON) in what is reported.
      expect(errors.map((error) => error.message).join('\n')).not.toMatch(/"accessToken"|refreshToken/);
    } finally {
      store.close();
      client.disconnect();
    }
  });

  it('fails fast without an offline queue: ERR_REDIS_STORE_COMMAND, before any deadline could fire', async () => {
    const port = await freePort();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const client = new Redis({ host: '127.0.0.1', port, enableOfflineQueue: false });
    client.on('error', () => undefined);
    const store = createRedisRefreshStore({ client });
    try {
      const attempt = store.acquireLock('key-a', T0, T0 + 10);
      const settled = settledFlag(attempt);
      // No fake time passes: only the client's own refusal can settle it.
      await new Promise((resolve) => setImmediate(resolve));
      expect(settled()).toBe(true);
      expect(await outcomeOf(attempt)).toEqual({ rejected: 'ERR_REDIS_STORE_COMMAND' });
    } finally {
      store.close();
      client.disconnect();
    }
  });
});

describe.runIf(HAS_REDIS)('redis slow or stopped (real redis-server)', () => {
  it('releases a lock granted after the caller gave up, so other instances are not held off for the lock TTL', async () => {
    const redis = await startRedisServer();
    const stores: RedisRefreshStore[] = [];
    try {
      // Connected before the pause (unbounded PING, not the store's 100 ms deadline a loaded machine can miss).
      const slowClient = redis.client();
      await slowClient.ping();
      const slow = createRedisRefreshStore({ client: slowClient, commandTimeoutMs: 100 });
      const other = createRedisRefreshStore({ client: redis.client() });
      stores.push(slow, other);
      const granted = await watchKeyEvent(redis, 'set', 'lockstep:lock:{key-a}');
      const handedBack = await watchKeyEvent(redis, 'del', 'lockstep:lock:{key-a}');
      await redis.client().call('CLIENT', 'PAUSE', '400', 'ALL');
      expect(await outcomeOf(slow.acquireLock('key-a', T0, T0 + 10))).toEqual({ rejected: 'ERR_REDIS_STORE_TIMEOUT' });
      // After the pause the script runs and grants the lock (SET); the store hands it straight back
      // (DEL), long before its 10 s TTL: awaited as Redis's own events, not a guessed delay.
      await granted.happened;
      await handedBack.happened;
      expect((await other.acquireLock('key-a', T0, T0 + 10)).acquired).toBe(true);
    } finally {
      for (const store of stores) store.close();
      await redis.stop();
    }
  });

  it('keeps every request signed in when Redis stops mid-test: in-process single flight, bounded latency, errors reported', async () => {
    const redis = await startRedisServer();
    const errors: RedisStoreError[] = [];
    const stores: RedisRefreshStore[] = [];
    try {
      const fleet = await createAppFleet(3, () => {
        const store = createRedisRefreshStore({ client: redis.client(), commandTimeoutMs: STOPPED_TIMEOUT, onError: (error) => errors.push(error) });
        stores.push(store);
        return store;
      });
      const signedIn = await fleet.signedInCookie();
      fleet.mock.controls.clock.advance(LIFETIME + 5);
      const before = await spread(fleet, 30, signedIn);
      expect(fleet.mock.controls.calls('token:refresh_token')).toBe(1);
      const first = before[0];
      const cookie = first?.kind === 'continue' ? first.requestCookieHeader : '';

      await redis.stop();
      fleet.mock.controls.clock.advance(LIFETIME + 5);
      fleet.mock.controls.resetCounters();
      const started = performance.now();
      const outcomes = await spread(fleet, 100, cookie);
      const elapsed = performance.now() - started;

      expect(outcomes.map(tokensOf).filter((tokens) => tokens.startsWith('not '))).toEqual([]);
      // One refresh per instance at most: each falls back to its own single flight.
      const refreshes = fleet.mock.controls.calls('token:refresh_token');
      expect(refreshes).toBeGreaterThanOrEqual(1);
      expect(refreshes).toBeLessThanOrEqual(3);
      // getSuccessor, acquireLock and putSuccessor each wait one deadline at most (3 × 1 s): below the
      // 10 s lock TTL, so no caller waited on a lock nobody can release, on a loaded machine too.
      expect(elapsed).toBeLessThan(3 * STOPPED_TIMEOUT + 4000);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((error) => error.code === 'ERR_REDIS_STORE_TIMEOUT' || error.code === 'ERR_REDIS_STORE_COMMAND')).toBe(true);
    } finally {
      for (const store of stores) store.close();
      await redis.stop();
    }
  }, 30_000);
});
