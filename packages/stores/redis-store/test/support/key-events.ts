// Awaits what Redis itself does to a key (expire it, set it, delete it) through keyspace notifications, instead of sleeping.
import type { RedisServer } from './redis-server.js';
import { within } from './within.js';

/** The key events the tests await (keyevent channels of database 0). */
export type KeyEvent = 'expired' | 'set' | 'del';

/** A subscribed watch; `happened` settles with the event (an object, as a returned promise would be awaited away). */
export interface KeyWatch {
  readonly happened: Promise<void>;
}

/**
 * Subscribes to `__keyevent@0__:<event>` (turning those notifications on for this server) and
 * returns a watch whose `happened` settles when `event` happens to `key`, bounded by a generous
 * ceiling. Call it before the key is touched, so the event cannot be missed.
 *
 * @example
 * const deleted = await watchKeyEvent(redis, 'del', 'lockstep:lock:{k}');
 */
export async function watchKeyEvent(redis: RedisServer, event: KeyEvent, key: string, ceilingMs = 5000): Promise<KeyWatch> {
  const admin = redis.client();
  // E: keyevent channels; g: generic commands (DEL); $: string commands (SET); x: expiries.
  await admin.config('SET', 'notify-keyspace-events', 'Eg$x');
  admin.disconnect();
  const subscriber = redis.client();
  const channel = `__keyevent@0__:${event}`;
  const happened = new Promise<void>((resolve) => {
    subscriber.on('message', (from: string, touched: string) => {
      if (from === channel && touched === key) resolve();
    });
  });
  await subscriber.subscribe(channel);
  return { happened: within(happened, ceilingMs, `${event} of ${key}`).finally(() => subscriber.disconnect()) };
}

/**
 * Redis's own expiry of `key`. The TTL is real server time and is the thing under test, so this
 * waits for the server's event (Redis's active expiry runs 10 times a second and finds a lone
 * expired key within a few cycles), bounded by a ceiling, rather than sleeping past the TTL.
 *
 * @example
 * const expired = await watchExpiry(redis, 'lockstep:lock:{k}');
 * await store.acquireLock('k', T0, T0 + 0.05);
 * await expired.happened;
 */
export function watchExpiry(redis: RedisServer, key: string, ceilingMs = 5000): Promise<KeyWatch> {
  return watchKeyEvent(redis, 'expired', key, ceilingMs);
}
