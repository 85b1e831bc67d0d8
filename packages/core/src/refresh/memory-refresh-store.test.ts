import { describe, expect, it } from 'vitest';
import type { LockstepError } from '../errors.js';
import type { Session } from '../session/session.js';
import { createMemoryRefreshStore } from './memory-refresh-store.js';
import type { SuccessorRecord } from './refresh-store.js';

const session = (n: number): Session => ({ accessToken: `at-${n}`, refreshToken: `rt-${n}`, expiresAt: 5000, user: null });
const record = (n: number, generation: number): SuccessorRecord => ({ session: session(n), next: `h-${n}`, generation });

describe('createMemoryRefreshStore', () => {
  it('keeps a successor until its expiry, by the time it is given', async () => {
    const store = createMemoryRefreshStore();
    await store.putSuccessor('a', record(1, 1), 100, 110);
    expect((await store.getSuccessor('a', 109))?.session.refreshToken).toBe('rt-1');
    expect(await store.getSuccessor('a', 110)).toBeUndefined();
  });

  it('never replaces a successor with an older or equal generation, whatever the order', async () => {
    const store = createMemoryRefreshStore();
    expect(await store.putSuccessor('a', record(2, 2), 100, 110)).toBe(true);
    expect(await store.putSuccessor('a', record(1, 1), 100, 110)).toBe(false);
    expect(await store.putSuccessor('a', record(3, 2), 100, 110)).toBe(false);
    expect((await store.getSuccessor('a', 100))?.session.refreshToken).toBe('rt-2');
    expect(await store.putSuccessor('a', record(4, 3), 100, 110)).toBe(true);
    expect((await store.getSuccessor('a', 100))?.session.refreshToken).toBe('rt-4');
  });

  it('lets an expired record be replaced by any generation', async () => {
    const store = createMemoryRefreshStore();
    await store.putSuccessor('a', record(1, 5), 100, 110);
    expect(await store.putSuccessor('a', record(2, 0), 120, 130)).toBe(true);
    expect((await store.getSuccessor('a', 120))?.session.refreshToken).toBe('rt-2');
  });

  it('grants a lock to one holder at a time, with rising generations, until it expires', async () => {
    const store = createMemoryRefreshStore();
    const first = await store.acquireLock('a', 100, 110);
    expect(first).toEqual({ acquired: true, generation: 1 });
    expect(await store.acquireLock('a', 105, 115)).toEqual({ acquired: false });
    expect(await store.acquireLock('b', 105, 115)).toEqual({ acquired: true, generation: 2 });
    // Expired: free again, and the new holder outranks the old one.
    expect(await store.acquireLock('a', 110, 120)).toEqual({ acquired: true, generation: 3 });
  });

  it('ignores a release by a holder whose lock was taken over', async () => {
    const store = createMemoryRefreshStore();
    await store.acquireLock('a', 100, 110);
    const current = await store.acquireLock('a', 111, 121);
    await store.releaseLock('a', 1);
    expect(await store.acquireLock('a', 112, 122)).toEqual({ acquired: false });
    if (!current.acquired) throw new Error('expected the lock');
    await store.releaseLock('a', current.generation);
    expect((await store.acquireLock('a', 112, 122)).acquired).toBe(true);
  });

  it('wakes waiters on release, and on their own signal', async () => {
    const store = createMemoryRefreshStore();
    const grant = await store.acquireLock('a', 100, 110);
    if (!grant.acquired) throw new Error('expected the lock');
    let woken = false;
    const waiting = store.waitForUnlock('a', 100, new AbortController().signal).then(() => (woken = true));
    await Promise.resolve();
    expect(woken).toBe(false);
    await store.releaseLock('a', grant.generation);
    await waiting;
    expect(woken).toBe(true);

    await store.acquireLock('b', 100, 110);
    const controller = new AbortController();
    const aborted = store.waitForUnlock('b', 100, controller.signal);
    controller.abort();
    await expect(aborted).resolves.toBeUndefined();
  });

  it('does not wait for a lock that is free or expired', async () => {
    const store = createMemoryRefreshStore();
    const never = new AbortController().signal;
    await expect(store.waitForUnlock('a', 100, never)).resolves.toBeUndefined();
    await store.acquireLock('a', 100, 110);
    await expect(store.waitForUnlock('a', 110, never)).resolves.toBeUndefined();
  });

  it('stays within maxEntries under 200k distinct keys', async () => {
    const store = createMemoryRefreshStore({ maxEntries: 1000 });
    for (let i = 0; i < 200_000; i++) {
      await store.putSuccessor(`k${i}`, record(i, i + 1), 0, 1e9);
      await store.acquireLock(`k${i}`, 0, 1e9);
    }
    expect(store.size).toBe(1000);
    expect(await store.getSuccessor('k0', 0)).toBeUndefined();
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects maxEntries %s', (maxEntries) => {
    expect(() => createMemoryRefreshStore({ maxEntries })).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }) as LockstepError);
  });
});
