// Wakes this process's lock waiters when any instance publishes a release, over one subscriber connection.
import type { RedisNames } from './redis-keys.js';
import { RedisStoreError, describeFailure } from './redis-store-error.js';
import type { RedisStoreConfig, RedisSubscriber } from './redis-store-options.js';
import { withDeadline } from './with-deadline.js';

/** The waiters of one store, keyed by token hash. */
export interface UnlockListener {
  /** Resolves once subscribed, or once subscribing failed or timed out (waiters then rely on polling). */
  ready(): Promise<void>;
  /** Calls `wake` once a release of `key` is published; returns the function that stops listening. */
  listen(key: string, wake: () => void): () => void;
  /** Wakes every waiter and disconnects the subscriber. */
  close(): void;
}

/**
 * One channel per store prefix, subscribed lazily on the first wait and kept (ioredis re-subscribes
 * after a reconnect): a message is a token hash, so no per-key SUBSCRIBE churn on the hot path.
 *
 * @example
 * const listener = createUnlockListener(config, names, report);
 * await listener.ready(); const stop = listener.listen(key, wake);
 */
export function createUnlockListener(config: RedisStoreConfig, names: RedisNames, report: (error: RedisStoreError) => void): UnlockListener {
  const waiters = new Map<string, Set<() => void>>();
  let subscriber: RedisSubscriber | undefined;
  let subscribed: Promise<void> | undefined;
  let closed = false;

  const wakeAll = (key: string): void => {
    const waiting = waiters.get(key);
    if (waiting === undefined) return;
    waiters.delete(key);
    for (const wake of waiting) wake();
  };

  const subscribe = async (): Promise<void> => {
    const connection = config.client.duplicate();
    subscriber = connection;
    // Report an outage once, not on every reconnect attempt; `ready` re-arms the report.
    let healthy = true;
    connection.on('ready', () => {
      healthy = true;
    });
    connection.on('error', (error: unknown) => {
      if (!healthy) return;
      healthy = false;
      report(new RedisStoreError('ERR_REDIS_STORE_COMMAND', 'subscribe', describeFailure(error)));
    });
    connection.on('message', (channel: string, key: string) => {
      if (channel === names.unlockChannel) wakeAll(key);
    });
    try {
      await withDeadline(connection.subscribe(names.unlockChannel), config.commandTimeoutMs, 'subscribe');
    } catch (error) {
      // The SUBSCRIBE stays queued and completes once Redis answers; until then waiters poll.
      if (error instanceof RedisStoreError) report(error);
    }
  };

  return {
    ready() {
      if (closed) return Promise.resolve();
      subscribed ??= subscribe();
      return subscribed;
    },

    listen(key, wake) {
      let waiting = waiters.get(key);
      if (waiting === undefined) waiters.set(key, (waiting = new Set()));
      waiting.add(wake);
      return () => {
        const current = waiters.get(key);
        current?.delete(wake);
        if (current?.size === 0) waiters.delete(key);
      };
    },

    close() {
      closed = true;
      for (const key of [...waiters.keys()]) wakeAll(key);
      subscriber?.disconnect();
    },
  };
}
