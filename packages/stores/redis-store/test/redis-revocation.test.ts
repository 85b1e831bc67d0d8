// The Redis revocation store against a real redis-server: shared entries, loading on start, a Redis that goes away and comes back.
import type { RevocationEntry, RevocationSink, RevocationStoreStatus } from '@lockstep/core/revocation';
import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createRedisRevocationStore, type RedisRevocationStore, type RedisRevocationStoreOptions, type RedisStoreError } from '../src/index.js';
import { HAS_REDIS, launchRedisServer, startRedisServer, type RedisServer } from './support/redis-server.js';
import { within } from './support/within.js';
import { useRedisServer } from './support/use-redis-server.js';

const T = 1_800_000_000;

/** A sink that records what it hears and lets a test await the next entry or status. */
function recordingSink() {
  const entries: RevocationEntry[] = [];
  const statuses: RevocationStoreStatus['kind'][] = [];
  const waiters: (() => void)[] = [];
  const wake = (): void => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  const sink: RevocationSink = {
    add: (entry) => {
      entries.push(entry);
      wake();
    },
    status: (status) => {
      statuses.push(status.kind);
      wake();
    },
  };
  const until = async (condition: () => boolean, what: string): Promise<void> => {
    while (!condition()) await within(new Promise<void>((resolve) => waiters.push(resolve)), 10_000, what);
  };
  return { sink, entries, statuses, until };
}

const session = (sessionId: string, expiresAt = T + 3600): RevocationEntry => ({ kind: 'session', sessionId, expiresAt });

describe.runIf(HAS_REDIS)('redis revocation store (real redis-server)', () => {
  const fixture = useRedisServer<RedisRevocationStore, Redis>();
  const { stores, clients } = fixture;
  const store = (keyPrefix: string, tuning: Partial<RedisRevocationStoreOptions> = {}, server: RedisServer = fixture.redis): RedisRevocationStore => {
    const created = createRedisRevocationStore({ client: server.client({ maxRetriesPerRequest: 1 }), keyPrefix, now: () => T, ...tuning });
    stores.push(created);
    return created;
  };

  it('an entry published by one instance reaches another’s view, and an instance started later loads it', async () => {
    const [a, b] = [store('share:'), store('share:')];
    const heard = recordingSink();
    b.subscribe(heard.sink);
    await heard.until(() => heard.statuses.includes('available'), 'b to be current');
    await a.publish(session('s-1'));
    await heard.until(() => heard.entries.length === 1, 'the entry to reach b');
    expect(heard.entries).toEqual([session('s-1')]);

    const late = recordingSink();
    store('share:').subscribe(late.sink);
    await late.until(() => late.statuses.includes('available'), 'the late instance to load');
    expect(late.entries).toEqual([session('s-1')]);
  });

  it('expired entries are neither loaded nor kept; the index keeps the maxEntries that expire last', async () => {
    const writer = store('trim:', { maxEntries: 2 });
    await writer.publish(session('short', T + 10));
    await writer.publish(session('long-1', T + 100));
    await writer.publish(session('long-2', T + 200));
    await writer.publish(session('gone', T - 1));
    const reader = recordingSink();
    store('trim:').subscribe(reader.sink);
    await reader.until(() => reader.statuses.includes('available'), 'the load');
    expect(reader.entries.map((entry) => (entry.kind === 'session' ? entry.sessionId : '')).sort()).toEqual(['long-1', 'long-2']);
    expect(await fixture.redis.client().zcard('trim:revocations')).toBe(2);
  });

  it('a member another writer put in the index or on the channel that is not an entry is ignored', async () => {
    const raw = fixture.redis.client();
    await raw.zadd('junk:revocations', T + 100, '{"kind":"session"}', T + 100, 'not json');
    const reader = recordingSink();
    store('junk:').subscribe(reader.sink);
    await reader.until(() => reader.statuses.includes('available'), 'the load');
    await raw.publish('junk:revocations', '{"kind":"user","userId":"u"}');
    await store('junk:').publish(session('real'));
    await reader.until(() => reader.entries.length > 0, 'the real entry');
    expect(reader.entries).toEqual([session('real')]);
  });

  it('a Redis that goes away: unavailable (publish rejects with a coded error); back: available, and entries published meanwhile elsewhere are loaded', async () => {
    const own = await startRedisServer();
    const errors: RedisStoreError[] = [];
    const reader = recordingSink();
    // A client of its own: the fixture's `stop` disconnects the clients it made, for good.
    const subscribed = createRedisRevocationStore({ client: quietClient(own.port, clients), keyPrefix: 'outage:', now: () => T, retryIntervalMs: 100, commandTimeoutMs: 300, onError: (error) => errors.push(error) });
    stores.push(subscribed);
    subscribed.subscribe(reader.sink);
    await reader.until(() => reader.statuses.includes('available'), 'the first load');
    await own.stop();
    await reader.until(() => reader.statuses.at(-1) === 'unavailable', 'the outage to be reported');
    await expect(subscribed.publish(session('while-down'))).rejects.toMatchObject({ name: 'RedisStoreError', operation: 'revoke' });
    expect(errors.some((error) => error.operation === 'revoke' && ['ERR_REDIS_STORE_TIMEOUT', 'ERR_REDIS_STORE_COMMAND'].includes(error.code))).toBe(true);
    expect(errors.every((error) => !error.message.includes('while-down'))).toBe(true);

    // The same port again, and an entry written there by someone else before this instance reconnects.
    let restarted: ChildProcess | undefined;
    try {
      restarted = await launchRedisServer(own.port);
      const other = createRedisRevocationStore({ client: quietClient(own.port, clients), keyPrefix: 'outage:', now: () => T });
      stores.push(other);
      await other.publish(session('meanwhile'));
      await reader.until(() => reader.statuses.at(-1) === 'available', 'the reconnect and reload');
      expect(reader.entries).toContainEqual(session('meanwhile'));
    } finally {
      restarted?.kill('SIGKILL');
    }
  });
});


/** A client outside the fixture (which disconnects its own at `stop`); its connection errors are the store's to report. */
function quietClient(port: number, clients: Redis[]): Redis {
  const client = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: 1 });
  clients.push(client);
  client.on('error', () => undefined);
  return client;
}
