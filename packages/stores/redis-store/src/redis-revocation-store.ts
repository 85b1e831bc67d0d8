// A RevocationStore on Redis: an index every instance loads, and a channel that keeps their local views current.
import { isRevocationEntry, type RevocationEntry, type RevocationSink, type RevocationStore } from '@lockstep/core/revocation';
import { REVOKE } from './lua-scripts.js';
import { RedisStoreError, describeFailure, type RedisStoreOperation } from './redis-store-error.js';
import { resolveRedisRevocationOptions, type RedisRevocationStoreOptions, type RedisRevocationSubscriber } from './redis-revocation-options.js';
import { runScript } from './run-script.js';
import { withDeadline } from './with-deadline.js';

/** The Redis revocation store, with a way to let go of the connection it opened itself. */
export interface RedisRevocationStore extends RevocationStore {
  /** Disconnects its subscriber connection and stops reloading. The client passed in stays open. */
  close(): void;
}

/**
 * Creates a {@link RevocationStore} on Redis for an app of several processes. A revocation is one
 * atomic script: added to a sorted set (`<prefix>revocations`, scored by expiry, trimmed to
 * `maxEntries` and of expired entries at every write, the key itself expiring when its last entry
 * does) and published on `<prefix>revocations`. Every subscribed instance adds published entries
 * to its local view as they come (one Redis hop: well under a second), and loads the whole set on
 * start and after every reconnect, so a restarted or reconnected instance misses nothing. While its
 * subscriber is down the store reports `unavailable` (the instance's `onStoreError` policy applies).
 *
 * One key and one channel: it works on a Redis Cluster as on a single Redis.
 *
 * @example
 * import { Redis } from 'ioredis';
 * const revocationStore = createRedisRevocationStore({ client: new Redis(process.env.REDIS_URL!) });
 * const lockstep = createLockstep({ provider, revocation: { store: revocationStore } });
 */
export function createRedisRevocationStore(options: RedisRevocationStoreOptions): RedisRevocationStore {
  const config = resolveRedisRevocationOptions(options);
  const { client } = config;
  const index = `${config.keyPrefix}revocations`;
  const channel = `${config.keyPrefix}revocations`;
  const sinks = new Set<RevocationSink>();
  let subscriber: RedisRevocationSubscriber | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let current = false;
  let closed = false;

  const report = (error: RedisStoreError): void => {
    try {
      config.onError?.(error);
    } catch {
      // A broken observer must not break revocation.
    }
  };
  const bounded = async <T>(operation: RedisStoreOperation, command: () => Promise<T>): Promise<T> => {
    try {
      return await withDeadline(new Promise<T>((resolve) => resolve(command())), config.commandTimeoutMs, operation);
    } catch (error) {
      const failure = error instanceof RedisStoreError ? error : new RedisStoreError('ERR_REDIS_STORE_COMMAND', operation, describeFailure(error));
      report(failure);
      throw failure;
    }
  };
  const tellAll = (deliver: (sink: RevocationSink) => void): void => {
    for (const sink of sinks) {
      try {
        deliver(sink);
      } catch {
        // A sink must not throw; one that does must not keep the others from hearing.
      }
    }
  };
  // The instance's view turns stale: its policy (`onStoreError`) applies until the next load.
  const lost = (code: string): void => {
    current = false;
    tellAll((sink) => sink.status({ kind: 'unavailable', code }));
  };

  let syncing: Promise<void> | undefined;
  /** One load at a time (a start and a `ready` come together); see `load`. */
  const synchronize = (): Promise<void> => (syncing ??= load().finally(() => (syncing = undefined)));

  /** Subscribed first, then loaded: an entry published in between is heard, never missed. */
  const load = async (): Promise<void> => {
    if (closed || subscriber === undefined) return;
    clearTimeout(retry);
    retry = undefined;
    try {
      await bounded('subscribe', () => subscriber!.subscribe(channel));
      const members = await bounded('loadRevocations', () => client.zrangebyscore(index, `(${config.now()}`, '+inf'));
      const entries = members.flatMap((member) => parseEntry(member) ?? []);
      tellAll((sink) => {
        for (const entry of entries) sink.add(entry);
      });
      current = true;
      tellAll((sink) => sink.status({ kind: 'available' }));
    } catch (error) {
      lost(error instanceof RedisStoreError ? error.code : 'ERR_REDIS_STORE_COMMAND');
      if (!closed) retry = setTimeout(() => void synchronize(), config.retryIntervalMs);
    }
  };

  const connect = (): void => {
    const connection = client.duplicate();
    subscriber = connection;
    connection.on('message', (from: string, message: string) => {
      if (from !== channel) return;
      const entry = parseEntry(message);
      if (entry !== undefined) tellAll((sink) => sink.add(entry));
    });
    // Every (re)connection: subscribe and load again, since messages sent while it was down are lost.
    connection.on('ready', () => void synchronize());
    connection.on('error', () => {
      if (current) lost('ERR_REDIS_STORE_COMMAND');
    });
    connection.on('close', () => {
      if (current) lost('ERR_REDIS_STORE_COMMAND');
    });
    void synchronize();
  };

  return {
    async publish(entry) {
      const member = JSON.stringify(entry);
      const now = config.now();
      const ttlMs = Math.max(1, Math.ceil((entry.expiresAt - now) * 1000));
      await bounded('revoke', () => runScript(client, REVOKE, [index], [now, entry.expiresAt, member, config.maxEntries, ttlMs, channel]));
    },

    subscribe(sink) {
      sinks.add(sink);
      if (subscriber === undefined && !closed) connect();
      else if (current) void synchronize();
      return () => void sinks.delete(sink);
    },

    close() {
      closed = true;
      clearTimeout(retry);
      subscriber?.disconnect();
    },
  };
}

/** An entry from Redis, or `undefined` for anything this store did not write (never trusted blindly). */
function parseEntry(member: string): RevocationEntry | undefined {
  try {
    const value: unknown = JSON.parse(member);
    return isRevocationEntry(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
