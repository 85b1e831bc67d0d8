// createTokenHasher: an injected SHA-256 gives the built-in keys, and a wrong one never gets used.
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { LockstepError } from '../errors.js';
import { stubProvider } from '../session/test-support/stub-provider.js';
import { createLockstep } from '../lockstep.js';
import { nativeSha256, nativeTokenHash } from './native-sha256.js';
import { checkedTokenHasher, createTokenHasher, hashTokenSync, type TokenHasher } from './token-hash.js';
import { stubProviderInstance } from '../session/test-support/stub-provider.js';

// Core tests stay Web-standard (no node:crypto): a separately wrapped SHA-256 stands in for a runtime's.
const nodeSha256 = (bytes: Uint8Array): Uint8Array => sha256.create().update(bytes).digest();
const isConfigError = (error: unknown): boolean => error instanceof LockstepError && error.code === 'ERR_CONFIG_INVALID';

describe('createTokenHasher', () => {
  it('without an effect is hashTokenSync', () => {
    expect(createTokenHasher()).toBe(hashTokenSync);
  });

  it('with an injected SHA-256 gives the same keys as the built-in one and WebCrypto', async () => {
    const hash = createTokenHasher(nodeSha256);
    for (const token of ['', 'a', 'x'.repeat(55), 'x'.repeat(64), 'é€😀', 'y'.repeat(20_000)]) {
      const webCrypto = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))).toString('base64url');
      expect([hash(token), hashTokenSync(token)]).toEqual([webCrypto, webCrypto]);
    }
  });

  it.each([
    ['a constant digest (every token would share one cache entry)', () => new Uint8Array(32)],
    ['the wrong length', (bytes: Uint8Array) => nodeSha256(bytes).subarray(0, 16)],
    ['another hash', (bytes: Uint8Array) => sha512(bytes).subarray(0, 32)],
    ['one that throws', () => { throw new Error('no'); }],
    ['not a function', 'sha256' as unknown as () => Uint8Array],
  ])('refuses %s', (_name, digest) => {
    expect(() => createTokenHasher(digest)).toThrow(expect.toSatisfy(isConfigError));
  });

  it('createLockstep refuses a wrong sha256 effect at boot', () => {
    expect(() => createLockstep({ provider: stubProvider }, { sha256: () => new Uint8Array(32) })).toThrow(expect.toSatisfy(isConfigError));
    expect(() => createLockstep({ provider: stubProvider }, { sha256: nodeSha256 })).not.toThrow();
  });
});

describe('nativeSha256 (the default hash effect where the runtime has node:crypto)', () => {
  it('computes the same keys as the built-in hash on this runtime', () => {
    const native = nativeSha256();
    expect(native).toBeDefined();
    const hash = createTokenHasher(native);
    for (const token of ['', 'abc', 'x'.repeat(5000), 'é€😀']) expect(hash(token)).toBe(hashTokenSync(token));
  });

  it('is absent where the runtime has no builtin lookup, or no createHash', () => {
    expect(nativeSha256(null)).toBeUndefined();
    expect(nativeSha256(() => ({}))).toBeUndefined();
    expect(
      nativeSha256(() => {
        throw new Error('no such module');
      }),
    ).toBeUndefined();
  });

  it('is what an instance hands its provider by default', () => {
    let seen: unknown;
    createLockstep({ provider: (env) => ((seen = env.sha256), stubProviderInstance()) });
    expect(typeof seen).toBe('function');
  });
});

describe('nativeTokenHash (the default token hash: one native call on the text)', () => {
  it('computes hashTokenSync’s keys, multi-byte and lone surrogates included', () => {
    const native = nativeTokenHash();
    expect(native).toBeDefined();
    const hash = checkedTokenHasher(native as TokenHasher, 'node:crypto');
    for (const token of ['', 'abc', 'x'.repeat(40_000), 'é€😀', 'a\uD800b', '\uDFFF', 'base64-eyJ%20']) expect(hash(token)).toBe(hashTokenSync(token));
  });

  it('falls back to createHash where crypto.hash is missing, and is absent without node:crypto', () => {
    const real = (globalThis.process as unknown as { getBuiltinModule(id: string): { createHash: unknown } }).getBuiltinModule('node:crypto');
    const older = nativeTokenHash(() => ({ createHash: real.createHash }));
    expect(older?.('abc')).toBe(hashTokenSync('abc'));
    expect(nativeTokenHash(null)).toBeUndefined();
    expect(nativeTokenHash(() => ({}))).toBeUndefined();
  });

  it.each([
    ['a constant', () => 'A'.repeat(43)],
    ['one that encodes text as Latin-1', (text: string) => hashTokenSync([...text].map((c) => (c.charCodeAt(0) > 0xff ? '?' : c)).join(''))],
    ['one that throws', () => { throw new Error('no'); }],
  ])('checkedTokenHasher refuses %s', (_name, hash) => {
    expect(() => checkedTokenHasher(hash, 'test hash')).toThrow(expect.toSatisfy(isConfigError));
  });

  it('is what an instance hands its provider by default (hashToken), and the injected effect’s keys when given', () => {
    const seen: unknown[] = [];
    createLockstep({ provider: (env) => (seen.push(env.hashToken), stubProviderInstance()) });
    createLockstep({ provider: (env) => (seen.push(env.hashToken), stubProviderInstance()) }, { sha256: nodeSha256 });
    for (const hash of seen) expect((hash as TokenHasher)('abc')).toBe(hashTokenSync('abc'));
    expect(seen[0]).not.toBe(hashTokenSync);
  });

  it('tells the provider whether the hash is native (here, or an injected effect): caches keyed on whole cookies depend on it', () => {
    const seen: unknown[] = [];
    createLockstep({ provider: (env) => (seen.push(env.nativeHash), stubProviderInstance()) });
    createLockstep({ provider: (env) => (seen.push(env.nativeHash), stubProviderInstance()) }, { sha256: nodeSha256 });
    expect(seen).toEqual([true, true]);
  });
});
