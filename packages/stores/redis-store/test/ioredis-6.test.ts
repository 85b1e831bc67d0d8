// The store with clients of ioredis 6 (the peer range's current major) on a real redis-server: scripts, pub/sub waking, one refresh across instances.
import { Redis as Redis6 } from 'ioredis-6';
import { describe, expect, it } from 'vitest';
import { createRedisRefreshStore, type RedisRefreshStore, type RedisRefreshStoreOptions, type RedisStoreError } from '../src/index.js';
import { createAppFleet, LIFETIME, spread, tokensOf } from './support/app-instances.js';
import { HAS_REDIS } from './support/redis-server.js';
import { watchLockChecks } from './support/lock-checks.js';
import { useRedisServer } from './support/use-redis-server.js';
import { T0, expectReleaseWakesWaiter, record } from './support/store-fixtures.js';

describe.runIf(HAS_REDIS)('redis refresh store with ioredis 6 clients (real redis-server)', () => {
  const fixture = useRedisServer<RedisRefreshStore, Redis6>();
  const { stores, clients } = fixture;
  const errors: RedisStoreError[] = [];

  const store = (options: Partial<RedisRefreshStoreOptions> = {}, watched?: (client: Redis6) => RedisRefreshStoreOptions['client']): RedisRefreshStore => {
    const client = new Redis6({ host: '127.0.0.1', port: fixture.redis.port });
    clients.push(client);
    // No cast: the store's client type is structural, so an ioredis 6 client is accepted as it is.
    // A generous deadline: on a loaded CI machine a slow reply must not turn into a fallback refresh.
    const created = createRedisRefreshStore({ client: watched?.(client) ?? client, commandTimeoutMs: 2000, onError: (error) => errors.push(error), ...options });
    stores.push(created);
    return created;
  };

  it('runs the scripts: exclusive lock, compare-and-set successor, stale release ignored', async () => {
    const [one, two] = [store({ keyPrefix: 'v6a:' }), store({ keyPrefix: 'v6a:' })];
    const grant = await one.acquireLock('key-a', T0, T0 + 10);
    expect(grant.acquired).toBe(true);
    expect(await two.acquireLock('key-a', T0, T0 + 10)).toEqual({ acquired: false });
    const generation = grant.acquired ? grant.generation : 0;
    expect(await one.putSuccessor('key-a', record('rt-b', generation), T0, T0 + 10)).toBe(true);
    expect(await two.putSuccessor('key-a', record('rt-old', generation - 1), T0, T0 + 10)).toBe(false);
    expect(await two.getSuccessor('key-a', T0)).toEqual(record('rt-b', generation));
    await two.releaseLock('key-a', generation - 1);
    expect(await two.acquireLock('key-a', T0, T0 + 10)).toEqual({ acquired: false });
    expect(errors).toEqual([]);
  });

  it('wakes a waiter in another process through pub/sub on release', async () => {
    let parked = (): Promise<void> => Promise.reject(new Error('the waiter was not watched'));
    const one = store({ keyPrefix: 'v6b:', pollIntervalMs: 60_000 });
    const two = store({ keyPrefix: 'v6b:', pollIntervalMs: 60_000 }, (client) => {
      const watching = watchLockChecks(client);
      parked = () => watching.heldSeen();
      return watching.client;
    });
    const grant = await one.acquireLock('key-a', T0, T0 + 10);
    await expectReleaseWakesWaiter(one, two, 'key-a', grant.acquired ? grant.generation : 0, () => parked());
  });

  it('3 instances, 100 concurrent requests with one expired session: 1 upstream refresh, identical sessions', async () => {
    const fleet = await createAppFleet(3, () => store({ keyPrefix: 'v6c:' }));
    const cookie = await fleet.signedInCookie();
    fleet.mock.controls.clock.advance(LIFETIME + 5);
    fleet.mock.controls.resetCounters();
    const outcomes = await spread(fleet, 100, cookie);
    expect(fleet.mock.controls.calls('token:refresh_token')).toBe(1);
    const tokens = outcomes.map(tokensOf);
    expect(tokens.filter((value) => value.startsWith('not '))).toEqual([]);
    expect(new Set(tokens).size).toBe(1);
    expect(errors).toEqual([]);
  });
});
