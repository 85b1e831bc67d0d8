// Successors on a real redis-server: JSON round trip, generation ordering (compare-and-set), PX expiry, corrupt values.
import { describe, expect, it } from 'vitest';
import type { RedisStoreError } from '../src/index.js';
import { HAS_REDIS } from './support/redis-server.js';
import { watchExpiry } from './support/key-events.js';
import { T0, record, useStoreFixture } from './support/store-fixtures.js';

describe.runIf(HAS_REDIS)('redis refresh store: successors (real redis-server)', () => {
  const fixture = useStoreFixture();
  const { pair } = fixture;
  describe('successors', () => {
    it('round-trips a record through JSON, under a key that is the token hash', async () => {
      const [one, two, prefix] = pair();
      expect(await one.getSuccessor('key-a', T0)).toBeUndefined();
      const written = performance.now();
      expect(await one.putSuccessor('key-a', record('rt-b', 1), T0, T0 + 10)).toBe(true);
      expect(await two.getSuccessor('key-a', T0)).toEqual(record('rt-b', 1));
      const admin = fixture.redis.client();
      expect(await admin.keys(`${prefix}*`)).toEqual([`${prefix}successor:{key-a}`]);
      const ttl = await admin.pttl(`${prefix}successor:{key-a}`);
      // PX 10 000, less only the real time that passed since the write (however loaded the machine).
      expect(ttl).toBeGreaterThanOrEqual(10_000 - Math.ceil(performance.now() - written) - 1);
      expect(ttl).toBeLessThanOrEqual(10_000);
    });

    it('never lets an older generation overwrite a newer one, nor an equal one replace it', async () => {
      const [one, two] = pair();
      expect(await one.putSuccessor('key-a', record('rt-newer', 5), T0, T0 + 10)).toBe(true);
      expect(await two.putSuccessor('key-a', record('rt-older', 4), T0, T0 + 10)).toBe(false);
      expect(await two.putSuccessor('key-a', record('rt-same', 5), T0, T0 + 10)).toBe(false);
      expect((await one.getSuccessor('key-a', T0))?.session.refreshToken).toBe('rt-newer');
      expect(await two.putSuccessor('key-a', record('rt-newest', 6), T0, T0 + 10)).toBe(true);
      expect((await one.getSuccessor('key-a', T0))?.session.refreshToken).toBe('rt-newest');
    });

    it('forgets a record at its expiry (Redis PX), after which any generation may write again', async () => {
      const [one, , prefix] = pair();
      const expired = await watchExpiry(fixture.redis, `${prefix}successor:{key-a}`);
      expect(await one.putSuccessor('key-a', record('rt-b', 9), T0, T0 + 0.05)).toBe(true);
      await expired.happened;
      expect(await one.getSuccessor('key-a', T0)).toBeUndefined();
      expect(await one.putSuccessor('key-a', record('rt-c', 0), T0, T0 + 10)).toBe(true);
    });

    it('refuses a stored value that is not a record (never a session from garbage) and reports it', async () => {
      const errors: RedisStoreError[] = [];
      const [one, , prefix] = pair({ onError: (error) => errors.push(error) });
      await fixture.redis.client().hset(`${prefix}successor:{key-a}`, 'generation', '1', 'record', '{"session":{"error":"invalid_grant"},"next":"x","generation":1}');
      await expect(one.getSuccessor('key-a', T0)).rejects.toMatchObject({ code: 'ERR_REDIS_STORE_CORRUPT', operation: 'getSuccessor' });
      expect(errors.map((error) => error.code)).toEqual(['ERR_REDIS_STORE_CORRUPT']);
    });

    it('reloads its scripts after the server forgot them (SCRIPT FLUSH, restart)', async () => {
      const [one] = pair();
      expect(await one.putSuccessor('key-a', record('rt-b', 1), T0, T0 + 10)).toBe(true);
      await fixture.redis.client().script('FLUSH');
      expect(await one.putSuccessor('key-a', record('rt-c', 2), T0, T0 + 10)).toBe(true);
    });
  });

});
