import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache.js';
import { hashToken } from './token-hash.js';

describe('LruCache', () => {
  it('expires entries by the time it is given', () => {
    const cache = new LruCache<string, number>(10);
    cache.set('a', 1, 100);
    expect(cache.get('a', 99)).toBe(1);
    expect(cache.get('a', 100)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used entry past its bound', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1, 10);
    cache.set('b', 2, 10);
    cache.get('a', 0);
    cache.set('c', 3, 10);
    expect(cache.get('b', 0)).toBeUndefined();
    expect(cache.get('a', 0)).toBe(1);
    expect(cache.get('c', 0)).toBe(3);
  });

  it('stays bounded under many distinct keys', () => {
    const cache = new LruCache<number, number>(1000);
    for (let i = 0; i < 100_000; i++) cache.set(i, i, 1e12);
    expect(cache.size).toBe(1000);
    expect(cache.get(99_999, 0)).toBe(99_999);
    expect(cache.get(0, 0)).toBeUndefined();
  });

  it('refuses a nonsensical bound', () => {
    expect(() => new LruCache(0)).toThrow(RangeError);
  });
});

describe('hashToken', () => {
  it('is a stable 43-character base64url digest that does not contain the token', async () => {
    const key = await hashToken('secret-refresh-token');
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await hashToken('secret-refresh-token')).toBe(key);
    expect(await hashToken('secret-refresh-tokeN')).not.toBe(key);
    expect(key).not.toContain('secret');
  });
});
