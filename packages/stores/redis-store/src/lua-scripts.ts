// The Lua scripts that make each store mutation atomic on the Redis server.
import { createHash } from 'node:crypto';

/** A script's source and its SHA-1, for `EVALSHA` with an `EVAL` fallback. */
export interface LuaScript {
  readonly source: string;
  readonly sha: string;
  readonly keyCount: number;
}

function luaScript(keyCount: number, source: string): LuaScript {
  return Object.freeze({ source, keyCount, sha: createHash('sha1').update(source).digest('hex') });
}

/**
 * Put-if-newer. KEYS[1] successor hash; ARGV[1] generation, ARGV[2] record JSON, ARGV[3] TTL ms.
 * Writes and returns 1 unless a live record with a greater or equal generation is there (then 0):
 * an older result never overwrites a newer one. An expired record is gone (`PX`), so it never counts.
 */
export const PUT_SUCCESSOR = luaScript(
  1,
  `local current = redis.call('HGET', KEYS[1], 'generation')
if current and tonumber(current) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'generation', ARGV[1], 'record', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`,
);

/**
 * Lock. KEYS[1] lock, KEYS[2] successor (same hash slot); ARGV[1] TTL ms. Returns 0 while the lock
 * is held or a live successor is recorded (the token is already spent: a caller that looked for the
 * successor just before it was written must take it, not spend the token again). Otherwise takes
 * the lock for the TTL and returns its fencing generation: the Redis server's clock in
 * microseconds. A clock needs no counter key, so nothing outside the token's own slot is touched
 * (Redis Cluster); a lock is only taken over once released or expired (≥ the TTL later), so a grant
 * outranks the one before it unless the server's clock stepped back by more than the TTL.
 * Microseconds since 1970 fit a Lua double exactly (< 2^53), and `%d` writes them without an exponent.
 */
export const ACQUIRE_LOCK = luaScript(
  2,
  `if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
local time = redis.call('TIME')
local generation = tonumber(time[1]) * 1000000 + tonumber(time[2])
redis.call('SET', KEYS[1], string.format('%d', generation), 'PX', ARGV[1])
return generation`,
);

/**
 * Release. KEYS[1] lock; ARGV[1] generation, ARGV[2] channel, ARGV[3] token hash. A lock held by
 * another generation (this one expired and was taken over) is left alone and 0 returned; otherwise
 * the lock is deleted (if still there), the hash published to wake waiters, and 1 returned.
 */
export const RELEASE_LOCK = luaScript(
  1,
  `local held = redis.call('GET', KEYS[1])
if held and held ~= ARGV[1] then return 0 end
if held then redis.call('DEL', KEYS[1]) end
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 1`,
);

/**
 * Revoke. KEYS[1] the revocation index (a sorted set: member the entry JSON, score its expiry in
 * Unix seconds); ARGV[1] now (Unix seconds), ARGV[2] the entry's expiry, ARGV[3] the entry JSON,
 * ARGV[4] most entries kept, ARGV[5] the index's TTL in ms, ARGV[6] the channel. Drops expired
 * entries, adds this one, keeps the `ARGV[4]` that expire last, and publishes the entry: stored
 * before any instance hears of it, so one that reloads after the message still finds it.
 */
export const REVOKE = luaScript(
  1,
  `redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
local extra = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[4])
if extra > 0 then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, extra - 1) end
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[5]) then redis.call('PEXPIRE', KEYS[1], ARGV[5]) end
redis.call('PUBLISH', ARGV[6], ARGV[3])
return 1`,
);
