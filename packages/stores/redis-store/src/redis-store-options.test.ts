// Options are validated at creation (misconfiguration fails at boot) and the caller's object is left alone.
import { LockstepError } from '@lockstep/core';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { REDIS_STORE_DEFAULTS, resolveRedisStoreOptions, type RedisRefreshStoreOptions } from './redis-store-options.js';

// Never connected: validation must not touch the network.
const client = { evalsha() {}, eval() {}, hget() {}, exists() {}, duplicate() {} } as unknown as Redis;

describe('redis store options', () => {
  it('applies the documented defaults into a frozen copy, leaving the caller\'s object as it was', () => {
    const options: RedisRefreshStoreOptions = { client };
    const config = resolveRedisStoreOptions(options);
    expect(config).toEqual({ client, ...REDIS_STORE_DEFAULTS, onError: undefined });
    expect(Object.isFrozen(config)).toBe(true);
    expect(options).toEqual({ client });
  });

  it('keeps an empty prefix (?? not ||)', () => {
    expect(resolveRedisStoreOptions({ client, keyPrefix: '' }).keyPrefix).toBe('');
  });

  it.each<[string, Partial<RedisRefreshStoreOptions>]>([
    ['no client', { client: undefined as unknown as Redis }],
    ['a client without Lua', { client: { get() {} } as unknown as Redis }],
    ['a zero timeout', { commandTimeoutMs: 0 }],
    ['a NaN timeout', { commandTimeoutMs: Number.NaN }],
    ['an unbounded timeout', { commandTimeoutMs: Number.POSITIVE_INFINITY }],
    ['a negative poll interval', { pollIntervalMs: -1 }],
    ['a non-string prefix', { keyPrefix: 1 as unknown as string }],
    ['a prefix with a hash tag (it would displace the per-token tag)', { keyPrefix: 'app{1}:' }],
    ['a prefix with an unbalanced brace', { keyPrefix: 'app{' }],
    ['a non-function onError', { onError: 'log' as unknown as () => void }],
  ])('refuses %s with ERR_CONFIG_INVALID', (_name, overrides) => {
    const attempt = (): unknown => resolveRedisStoreOptions({ client, ...overrides });
    expect(attempt).toThrow(LockstepError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
  });
});
