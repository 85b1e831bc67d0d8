// Redis Cluster routing of the store's names: the lock and the successor of a token always share one hash slot.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redisNames } from './redis-keys.js';
import { resolveRedisStoreOptions } from './redis-store-options.js';

const RUNS = 100_000;
const FIXED_SEED = 0x5107;

/** The part of `key` Redis Cluster hashes (its hash-tag rule): the first `{…}` with something inside, else the whole key. */
function hashedPart(key: string): string {
  const open = key.indexOf('{');
  if (open === -1) return key;
  const close = key.indexOf('}', open + 1);
  if (close === -1 || close === open + 1) return key;
  return key.slice(open + 1, close);
}

// Token hashes as the core makes them: SHA-256, base64url without padding (43 characters).
const tokenHash = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString('base64url'));
// Any prefix the options accept: up to 128 characters, no braces.
const prefix = fc.string({ maxLength: 128, unit: 'binary' }).filter((value) => !/[{}]/.test(value));
const fakeClient = { evalsha() {}, eval() {}, hget() {}, exists() {}, duplicate() {} } as never;

describe('redis names under Redis Cluster hash tags', () => {
  it.each([
    ['fixed seed', FIXED_SEED],
    ['random seed', undefined],
  ])(`failure class CROSSSLOT (a token's lock and successor in different slots): none in ${RUNS} prefixes × token hashes (%s)`, (_label, seed) => {
    fc.assert(
      fc.property(prefix, tokenHash, (keyPrefix, key) => {
        const names = redisNames(resolveRedisStoreOptions({ client: fakeClient, keyPrefix }).keyPrefix);
        return hashedPart(names.lock(key)) === key && hashedPart(names.successor(key)) === key;
      }),
      // fast-check prints the seed of a failing random run, so it can be replayed.
      { numRuns: RUNS, ...(seed === undefined ? {} : { seed }) },
    );
    // A ceiling, not a wait: 100,000 cases take seconds on a loaded 2-core runner, past the 5 s default.
  }, 60_000);

  it('would route a braced prefix elsewhere, which is why the options refuse it', () => {
    const names = redisNames('app{');
    expect(hashedPart(names.lock('abc'))).not.toBe(hashedPart(names.successor('abc')));
    expect(() => resolveRedisStoreOptions({ client: fakeClient, keyPrefix: 'app{' })).toThrow(/without \{ or \}/);
  });
});
