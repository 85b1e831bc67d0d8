// The Redis store's options: documented defaults, validated and frozen once at creation.
import { LockstepError } from '@lockstep/core';
import type { RedisStoreError } from './redis-store-error.js';

/** A Redis value or argument as this store sends it. */
type Argument = string | number;

/**
 * What the store needs of an ioredis client: a `Redis` (standalone or Sentinel-managed) or a
 * `Cluster`, of ioredis 5 or 6. Structural, so a client from another copy or major of ioredis
 * than the one these types were built against is accepted as it is.
 */
export interface RedisClient {
  evalsha(sha: string, keyCount: number, ...keysAndArgs: Argument[]): Promise<unknown>;
  eval(source: string, keyCount: number, ...keysAndArgs: Argument[]): Promise<unknown>;
  hget(key: string, field: string): Promise<string | null>;
  exists(key: string): Promise<number>;
  /** A new connection with the same options, for pub/sub. */
  duplicate(): RedisSubscriber;
}

/** What the store needs of the duplicated connection it subscribes on. */
export interface RedisSubscriber {
  subscribe(channel: string): Promise<unknown>;
  on(event: 'ready', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
  disconnect(): void;
}

/** Options of {@link createRedisRefreshStore}. */
export interface RedisRefreshStoreOptions {
  /**
   * A connected ioredis client: `new Redis(...)` for a standalone Redis (or a Sentinel-managed
   * primary), `new Cluster([...])` for a Redis Cluster. The store never changes its options or
   * commands; it duplicates it once for pub/sub (see `close()`). Give every app instance its own
   * client, pointed at the same Redis.
   */
  readonly client: RedisClient;
  /**
   * Prefix of every key and of the pub/sub channel; share it between the instances of one app.
   * No `{` or `}`: the store puts a Redis Cluster hash tag after it, which a brace in the prefix
   * would displace.
   * @default 'lockstep:'
   */
  readonly keyPrefix?: string;
  /**
   * Milliseconds one Redis round trip may take before the store gives up and rejects, so the
   * coordinator carries on in-process. Keep it well below the refresh call's own timeout.
   * @default 250
   */
  readonly commandTimeoutMs?: number;
  /**
   * Milliseconds between checks of a held lock while waiting for it: catches a lock that expired
   * (Redis publishes nothing then) or a release missed while the subscriber reconnected.
   * @default 200
   */
  readonly pollIntervalMs?: number;
  /**
   * Told about every Redis failure the store turns into a rejection or a fallback, and about the
   * subscriber connection's errors. Errors thrown by it are ignored. @default ignore
   */
  readonly onError?: (error: RedisStoreError) => void;
}

/** Options after validation, defaults applied. */
export interface RedisStoreConfig {
  readonly client: RedisClient;
  readonly keyPrefix: string;
  readonly commandTimeoutMs: number;
  readonly pollIntervalMs: number;
  readonly onError: ((error: RedisStoreError) => void) | undefined;
}

/** The defaults, in one place. */
export const REDIS_STORE_DEFAULTS = Object.freeze({ keyPrefix: 'lockstep:', commandTimeoutMs: 250, pollIntervalMs: 200 });

const CLIENT_METHODS = ['evalsha', 'eval', 'hget', 'exists', 'duplicate'] as const;

/** Validates and freezes the options, so misconfiguration fails at boot and not on a user's request. */
export function resolveRedisStoreOptions(options: RedisRefreshStoreOptions): RedisStoreConfig {
  const { client } = options ?? {};
  if (typeof client !== 'object' || client === null || CLIENT_METHODS.some((method) => typeof client[method] !== 'function')) {
    throw new LockstepError('ERR_CONFIG_INVALID', 'redis refresh store: client must be an ioredis client (new Redis(...))');
  }
  const keyPrefix = options.keyPrefix ?? REDIS_STORE_DEFAULTS.keyPrefix;
  if (typeof keyPrefix !== 'string' || keyPrefix.length > 128 || /[{}]/.test(keyPrefix)) {
    throw new LockstepError('ERR_CONFIG_INVALID', 'redis refresh store: keyPrefix must be a string of at most 128 characters without { or }');
  }
  const commandTimeoutMs = milliseconds(options.commandTimeoutMs ?? REDIS_STORE_DEFAULTS.commandTimeoutMs, 'commandTimeoutMs');
  const pollIntervalMs = milliseconds(options.pollIntervalMs ?? REDIS_STORE_DEFAULTS.pollIntervalMs, 'pollIntervalMs');
  if (options.onError !== undefined && typeof options.onError !== 'function') {
    throw new LockstepError('ERR_CONFIG_INVALID', 'redis refresh store: onError must be a function');
  }
  return Object.freeze({ client, keyPrefix, commandTimeoutMs, pollIntervalMs, onError: options.onError });
}

function milliseconds(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 60_000) {
    throw new LockstepError('ERR_CONFIG_INVALID', `redis refresh store: ${name} must be a number of milliseconds in (0, 60000]`);
  }
  return value;
}
