// The store on a real Redis Cluster of three masters: one slot per token, one refresh across instances, a master restarted mid-refresh.
import { Cluster as Cluster6 } from 'ioredis-6';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RevocationEntry } from '@lockstep/core/revocation';
import { createRedisRefreshStore, createRedisRevocationStore, type RedisRefreshStore, type RedisRefreshStoreOptions, type RedisRevocationStore, type RedisRevocationStoreOptions, type RedisStoreError } from '../src/index.js';
import { redisNames } from '../src/redis-keys.js';
import { createAppFleet, LIFETIME, refreshTokenOf, spread, tokensOf } from './support/app-instances.js';
import { startRedisCluster, type RedisClusterFixture } from './support/redis-cluster.js';
import { HAS_REDIS } from './support/redis-server.js';
import { watchLockChecks } from './support/lock-checks.js';
import { T0, expectReleaseWakesWaiter, record, waitFor } from './support/store-fixtures.js';

const INSTANCES = 3;

describe.runIf(HAS_REDIS)('redis refresh store on a Redis Cluster of three masters (real nodes)', () => {
  let cluster: RedisClusterFixture;
  const stores: RedisRefreshStore[] = [];
  const revocationStores: RedisRevocationStore[] = [];
  beforeAll(async () => {
    cluster = await startRedisCluster(3);
  }, 30_000);
  afterAll(async () => {
    for (const store of [...stores, ...revocationStores]) store.close();
    await cluster?.stop();
  });

  /**
   * A store on a Cluster client of its own: nothing is shared but the cluster. The deadline is
   * generous by default: on a loaded CI machine a slow reply must not turn into a fallback refresh.
   */
  const clusterStore = (keyPrefix: string, errors: RedisStoreError[] = [], tuning: Partial<RedisRefreshStoreOptions> = {}): RedisRefreshStore => {
    const store = createRedisRefreshStore({ client: cluster.client(), keyPrefix, commandTimeoutMs: 2000, onError: (error) => errors.push(error), ...tuning });
    stores.push(store);
    return store;
  };

  it('keeps the lock and the successor of one token in one hash slot, and spreads tokens over every master', async () => {
    const names = redisNames('lockstep:');
    const owners = new Set<number>();
    for (let index = 0; index < 24; index += 1) {
      const key = `token-hash-${index}`;
      const owner = await cluster.ownerOf(names.lock(key));
      expect(await cluster.ownerOf(names.successor(key))).toBe(owner);
      owners.add(owner);
    }
    expect(owners).toEqual(new Set(cluster.ports));
  });

  it('runs the lock, the successor cache and cross-instance waking on the cluster (no CROSSSLOT)', async () => {
    const errors: RedisStoreError[] = [];
    // The waiter never polls within the test: only the published release can wake it.
    const watched = watchLockChecks(cluster.client());
    const one = clusterStore('unit:', errors);
    const two = createRedisRefreshStore({ client: watched.client, keyPrefix: 'unit:', commandTimeoutMs: 2000, onError: (error) => errors.push(error), pollIntervalMs: 60_000 });
    stores.push(two);
    const grant = await one.acquireLock('key-a', T0, T0 + 10);
    expect(grant.acquired).toBe(true);
    expect(await two.acquireLock('key-a', T0, T0 + 10)).toEqual({ acquired: false });
    expect(await one.putSuccessor('key-a', record('rt-b', grant.acquired ? grant.generation : 0), T0, T0 + 10)).toBe(true);
    expect(await two.getSuccessor('key-a', T0)).toEqual(record('rt-b', grant.acquired ? grant.generation : 0));
    // The waiter's subscriber may sit on any master; the release is published from the key's master.
    await expectReleaseWakesWaiter(one, two, 'key-a', grant.acquired ? grant.generation : 0, () => watched.heldSeen());
    // Released, but the token is spent: its successor is there to take, so no second refresher.
    expect(await two.acquireLock('key-a', T0, T0 + 10)).toEqual({ acquired: false });
    expect((await two.acquireLock('key-b', T0, T0 + 10)).acquired).toBe(true);
    expect(errors).toEqual([]);
  });

  it(`100 concurrent requests over ${INSTANCES} instances with one expired session: 1 upstream refresh; a late request gets the successor`, async () => {
    const errors: RedisStoreError[] = [];
    const fleet = await createAppFleet(INSTANCES, () => clusterStore('fleet:', errors));
    const cookie = await fleet.signedInCookie();
    fleet.mock.controls.clock.advance(LIFETIME + 5);
    fleet.mock.controls.resetCounters();

    const outcomes = await spread(fleet, 100, cookie);

    expect(fleet.mock.controls.calls('token:refresh_token')).toBe(1);
    const tokens = outcomes.map(tokensOf);
    expect(tokens.filter((value) => value.startsWith('not '))).toEqual([]);
    expect(new Set(tokens).size).toBe(1);
    fleet.mock.controls.clock.advance(5);
    expect(tokensOf(await fleet.apps[INSTANCES - 1]!.handle(fleet.request(cookie)))).toBe(tokens[0]);
    expect(fleet.mock.controls.calls('token:refresh_token')).toBe(1);
    expect(errors).toEqual([]);
  });

  it('takes ioredis 6 Cluster clients as well: 1 upstream refresh for 60 concurrent requests over 3 instances', async () => {
    const errors: RedisStoreError[] = [];
    const fleet = await createAppFleet(INSTANCES, () => {
      const client = new Cluster6(cluster.ports.map((port) => ({ host: '127.0.0.1', port })));
      client.on('error', () => undefined);
      const store = createRedisRefreshStore({ client, keyPrefix: 'v6:', commandTimeoutMs: 2000, onError: (error) => errors.push(error) });
      // close() leaves the client open (it is the caller's): disconnect it with the store.
      stores.push({ ...store, close: () => (store.close(), client.disconnect()) });
      return store;
    });
    const cookie = await fleet.signedInCookie();
    fleet.mock.controls.clock.advance(LIFETIME + 5);
    fleet.mock.controls.resetCounters();
    const outcomes = await spread(fleet, 60, cookie);
    expect(fleet.mock.controls.calls('token:refresh_token')).toBe(1);
    expect(new Set(outcomes.map(tokensOf)).size).toBe(1);
    expect(tokensOf(outcomes[0]!).startsWith('not ')).toBe(false);
    expect(errors).toEqual([]);
  });

  it('a master restarted (SIGKILL, keys lost) while the lock holder is refreshing: every request stays signed in on one successor, which lives on', async () => {
    // The default deadline (250 ms): while the node is down, instances give up on it and fall back.
    const fleet = await createAppFleet(INSTANCES, () => clusterStore('restart:', [], { commandTimeoutMs: 250 }));
    const cookie = await fleet.signedInCookie();
    fleet.mock.controls.clock.advance(LIFETIME + 5);
    fleet.mock.controls.resetCounters();
    // The first refresh is held upstream long enough to restart the node under it.
    fleet.mock.controls.fail('token:refresh_token', { kind: 'delay', ms: 600 }, { times: 1 });

    const burst = spread(fleet, 30, cookie);
    const lock = await waitFor(() => cluster.locate('restart:lock:*'), 5000);
    await cluster.restart(lock.port);
    const outcomes = await burst;

    // No one signed out, and all agree on the successor's refresh token (the auth server answers a
    // concurrent spend within its reuse interval with the same child).
    expect(outcomes.map(tokensOf).filter((value) => value.startsWith('not '))).toEqual([]);
    const successors = new Set(outcomes.map(refreshTokenOf));
    expect(successors.size).toBe(1);
    // At most one refresh per instance beyond the holder's: each falls back to its own single flight.
    const refreshes = fleet.mock.controls.calls('token:refresh_token');
    expect(refreshes).toBeGreaterThanOrEqual(1);
    expect(refreshes).toBeLessThanOrEqual(INSTANCES + 1);

    // The successor is a live session: when it expires in turn, it refreshes normally.
    const first = outcomes[0];
    const successorCookie = first?.kind === 'continue' ? first.requestCookieHeader : '';
    fleet.mock.controls.clock.advance(LIFETIME + 5);
    const next = await fleet.apps[0]!.handle(fleet.request(successorCookie));
    expect(tokensOf(next).startsWith('not ')).toBe(false);
    expect(refreshTokenOf(next)).not.toBe([...successors][0]);
  }, 30_000);

  it('shares revocations on the cluster: published on one instance, heard by another, loaded by one created later (ioredis 5 and 6)', async () => {
    const heard: RevocationEntry[] = [];
    const loaded: RevocationEntry[] = [];
    const statuses: string[] = [];
    const entry: RevocationEntry = { kind: 'user', userId: 'user-1', revokedAt: T0, exceptSessionId: 'session-1', expiresAt: Math.floor(Date.now() / 1000) + 600 };
    const revocationStore = (client: RedisRevocationStoreOptions['client']) => {
      const created = createRedisRevocationStore({ client, keyPrefix: 'revoke:', commandTimeoutMs: 2000 });
      revocationStores.push(created);
      return created;
    };
    const listener = revocationStore(cluster.client());
    listener.subscribe({ add: (added) => heard.push(added), status: (status) => statuses.push(status.kind) });
    await waitFor(() => (statuses.includes('available') ? true : undefined), 10_000);
    await revocationStore(cluster.client()).publish(entry);
    await waitFor(() => (heard.length > 0 ? true : undefined), 5000);
    expect(heard).toEqual([entry]);
    const client6 = new Cluster6([{ host: '127.0.0.1', port: cluster.ports[0]! }]);
    client6.on('error', () => undefined);
    const later = revocationStore(client6);
    later.subscribe({ add: (added) => loaded.push(added), status: () => undefined });
    await waitFor(() => (loaded.length > 0 ? true : undefined), 10_000);
    expect(loaded).toEqual([entry]);
    client6.disconnect();
  });
});
