// The Redis revocation store's options: documented defaults, validated and frozen once at creation.
import { LockstepError } from '@lockstep/core';
import type { RedisStoreError } from './redis-store-error.js';
import type { RedisClient } from './redis-store-options.js';

/** What the revocation store needs of an ioredis client (`Redis` or `Cluster`, ioredis 5 or 6). */
export interface RedisRevocationClient extends Pick<RedisClient, 'evalsha' | 'eval'> {
  zrangebyscore(key: string, min: string | number, max: string | number): Promise<string[]>;
  /** A new connection with the same options, to subscribe on. */
  duplicate(): RedisRevocationSubscriber;
}

/** What the store needs of the connection it subscribes on. */
export interface RedisRevocationSubscriber {
  subscribe(channel: string): Promise<unknown>;
  on(event: 'ready' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
  disconnect(): void;
}

/** Options of {@link createRedisRevocationStore}. */
export interface RedisRevocationStoreOptions {
  /** A connected ioredis client (`new Redis(...)` or `new Cluster([...])`); one per app instance, all on the same Redis. */
  readonly client: RedisRevocationClient;
  /** Prefix of the index key and the channel; the same for every instance of one app. No `{` or `}`. @default 'lockstep:' */
  readonly keyPrefix?: string;
  /** Milliseconds a revocation or a load may take before it counts as failed. @default 1000 */
  readonly commandTimeoutMs?: number;
  /** Milliseconds between attempts to load the entries again after a failed load. @default 1000 */
  readonly retryIntervalMs?: number;
  /** Most entries Redis keeps (the ones that expire last win); match the instances' `revocation.maxEntries`. @default 100_000 */
  readonly maxEntries?: number;
  /** The time in Unix seconds, for dropping expired entries. @default Date.now() / 1000 */
  readonly now?: () => number;
  /** Told about every Redis failure (code and operation; never an entry's ids or a command's arguments). @default ignore */
  readonly onError?: (error: RedisStoreError) => void;
}

export interface RedisRevocationConfig {
  readonly client: RedisRevocationClient;
  readonly keyPrefix: string;
  readonly commandTimeoutMs: number;
  readonly retryIntervalMs: number;
  readonly maxEntries: number;
  readonly now: () => number;
  readonly onError: ((error: RedisStoreError) => void) | undefined;
}

export const REDIS_REVOCATION_DEFAULTS = Object.freeze({ keyPrefix: 'lockstep:', commandTimeoutMs: 1000, retryIntervalMs: 1000, maxEntries: 100_000 });

const CLIENT_METHODS = ['evalsha', 'eval', 'zrangebyscore', 'duplicate'] as const;

export function resolveRedisRevocationOptions(options: RedisRevocationStoreOptions): RedisRevocationConfig {
  const { client } = options ?? {};
  if (typeof client !== 'object' || client === null || CLIENT_METHODS.some((method) => typeof client[method] !== 'function')) {
    throw invalid('client must be an ioredis client (new Redis(...) or new Cluster([...]))');
  }
  const keyPrefix = options.keyPrefix ?? REDIS_REVOCATION_DEFAULTS.keyPrefix;
  if (typeof keyPrefix !== 'string' || keyPrefix.length > 128 || /[{}]/.test(keyPrefix)) throw invalid('keyPrefix must be a string of at most 128 characters without { or }');
  const commandTimeoutMs = milliseconds(options.commandTimeoutMs ?? REDIS_REVOCATION_DEFAULTS.commandTimeoutMs, 'commandTimeoutMs');
  const retryIntervalMs = milliseconds(options.retryIntervalMs ?? REDIS_REVOCATION_DEFAULTS.retryIntervalMs, 'retryIntervalMs');
  const maxEntries = options.maxEntries ?? REDIS_REVOCATION_DEFAULTS.maxEntries;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) throw invalid('maxEntries must be a positive integer');
  if (options.now !== undefined && typeof options.now !== 'function') throw invalid('now must be a function');
  if (options.onError !== undefined && typeof options.onError !== 'function') throw invalid('onError must be a function');
  return Object.freeze({ client, keyPrefix, commandTimeoutMs, retryIntervalMs, maxEntries, now: options.now ?? (() => Date.now() / 1000), onError: options.onError });
}

function milliseconds(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 60_000) throw invalid(`${name} must be a number of milliseconds in (0, 60000]`);
  return value;
}

function invalid(message: string): LockstepError {
  return new LockstepError('ERR_CONFIG_INVALID', `redis revocation store: ${message}`);
}
