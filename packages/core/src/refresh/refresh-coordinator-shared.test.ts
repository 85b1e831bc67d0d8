// Several coordinators on one store stand in for several processes on one Redis.
import { describe, expect, it, vi } from 'vitest';
import { createMemoryRefreshStore } from './memory-refresh-store.js';
import { createRefreshCoordinator } from './refresh-coordinator.js';
import type { RefreshResult } from './refresh-result.js';
import type { RefreshStore } from './refresh-store.js';
import { gatedRun, parkingStore, refreshed, sessionFor } from './test-support/refresh-fixtures.js';

const T0 = 1_700_000_000;
const unexpected = async (): Promise<RefreshResult> => {
  throw new Error('run must not be called');
};

describe('refresh coordinator: shared store', () => {
  it('lets a second process wait for the lock holder and take its result without calling run', async () => {
    const { store, parked } = parkingStore(createMemoryRefreshStore());
    const [one, two] = [createRefreshCoordinator({ store }), createRefreshCoordinator({ store })];
    const upstream = gatedRun();
    const first = one.refresh('rt-a', T0, upstream.run);
    await upstream.started;
    const second = two.refresh('rt-a', T0, unexpected);
    await parked();
    upstream.gate.resolve(refreshed('rt-b'));
    expect(await first).toEqual({ result: refreshed('rt-b'), via: 'upstream' });
    expect(await second).toEqual({ result: refreshed('rt-b'), via: 'joined' });
  });

  it('refreshes itself when the holder got no session (rejections are never shared through the store)', async () => {
    const { store, parked } = parkingStore(createMemoryRefreshStore());
    const [one, two] = [createRefreshCoordinator({ store }), createRefreshCoordinator({ store })];
    const upstream = gatedRun();
    const first = one.refresh('rt-a', T0, upstream.run);
    await upstream.started;
    const run = vi.fn(async (): Promise<RefreshResult> => ({ kind: 'rejected', reason: 'session_expired' }));
    const second = two.refresh('rt-a', T0, run);
    await parked();
    upstream.gate.resolve({ kind: 'unavailable', cause: 'timeout' });
    expect((await first).via).toBe('upstream');
    expect(await second).toEqual({ result: { kind: 'rejected', reason: 'session_expired' }, via: 'upstream' });
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('never lets a holder whose lock expired overwrite the newer holder\'s successor', async () => {
    const store = createMemoryRefreshStore();
    const [one, two, three] = [createRefreshCoordinator({ store }), createRefreshCoordinator({ store }), createRefreshCoordinator({ store })];
    const slow = gatedRun();
    const stale = one.refresh('rt-a', T0, slow.run);
    await slow.started;
    // The first lock (10 s) has expired: a second process takes over and records its result first.
    expect((await two.refresh('rt-a', T0 + 11, async () => refreshed('rt-newer'))).via).toBe('upstream');
    slow.gate.resolve(refreshed('rt-older'));
    expect((await stale).result).toEqual(refreshed('rt-older'));
    expect(await three.refresh('rt-a', T0 + 12, unexpected)).toEqual({ result: refreshed('rt-newer'), via: 'successor' });
  });

  it('does not wait forever on a wedged lock: after bounded waits it refreshes without it', async () => {
    const store = createMemoryRefreshStore();
    const wedged = createRefreshCoordinator({ store });
    const holder = gatedRun();
    void wedged.refresh('rt-a', T0, holder.run);
    await holder.started;
    // Every wait ends (as its signal would) with the lock still held; the injected clock stands still,
    // so only the bound on the number of waits can end this: no real time passes.
    const signals: AbortSignal[] = [];
    const outlasted: RefreshStore = { ...store, waitForUnlock: async (_key, _at, signal) => {
      signals.push(signal);
    } };
    const impatient = createRefreshCoordinator({ store: outlasted, clock: () => T0 });
    const run = vi.fn(async (): Promise<RefreshResult> => refreshed('rt-b'));
    expect(await impatient.refresh('rt-a', T0, run)).toEqual({ result: refreshed('rt-b'), via: 'upstream' });
    expect(run).toHaveBeenCalledTimes(1);
    expect(signals).toHaveLength(2);
    expect(signals.some((signal) => signal.aborted)).toBe(false);
    // Recorded without a fence (generation 0): it fills the gap for late callers.
    expect((await impatient.refresh('rt-a', T0 + 1, unexpected)).via).toBe('successor');
  });

  it('reads the clock again after each wait and bounds the total wait by maxWaitSeconds', async () => {
    const store = createMemoryRefreshStore();
    const wedged = createRefreshCoordinator({ store });
    const holder = gatedRun();
    void wedged.refresh('rt-a', T0, holder.run);
    await holder.started;
    // Every wake-up finds the lock still held; each wait costs 6 s on the injected clock.
    let now = T0;
    const waits: number[] = [];
    const waking: RefreshStore = { ...store, waitForUnlock: async (_key, at) => {
      waits.push(at);
      now += 6;
    } };
    const impatient = createRefreshCoordinator({ store: waking, maxWaitSeconds: 5, clock: () => now });
    const run = vi.fn(async (at: number): Promise<RefreshResult> => refreshed(`rt-at-${at}`));
    expect(await impatient.refresh('rt-a', T0, run)).toEqual({ result: refreshed(`rt-at-${T0 + 6}`), via: 'upstream' });
    expect(waits).toEqual([T0]);
    // The refresh ran at the time it ran, not at the time the caller first asked.
    expect(run).toHaveBeenCalledWith(T0 + 6);
  });

  it('looks for a successor again once it holds the lock: a holder that finished in between is not refreshed twice', async () => {
    const store = createMemoryRefreshStore();
    // Between this process's first look and its lock grant, another process records its successor and releases.
    const racing: RefreshStore = {
      ...store,
      acquireLock: async (key, now, expiresAt) => {
        await store.putSuccessor(key, { session: sessionFor('rt-peer'), next: 'h-peer', generation: 1 }, now, now + 10);
        return store.acquireLock(key, now, expiresAt);
      },
    };
    const coordinator = createRefreshCoordinator({ store: racing });
    expect(await coordinator.refresh('rt-a', T0, unexpected)).toEqual({ result: refreshed('rt-peer'), via: 'successor' });
  });

  it('refuses a maxWaitSeconds or clock that cannot work', () => {
    expect(() => createRefreshCoordinator({ maxWaitSeconds: 0 })).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
    expect(() => createRefreshCoordinator({ clock: 5 as unknown as () => number })).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }));
  });

  it('keeps refreshing when the store fails, and reports the failures', async () => {
    const failure = new Error('store down');
    const fail = async (): Promise<never> => {
      throw failure;
    };
    const broken: RefreshStore = { getSuccessor: fail, putSuccessor: fail, acquireLock: fail, releaseLock: fail, waitForUnlock: fail };
    const onStoreError = vi.fn(() => {
      throw new Error('a broken observer');
    });
    const coordinator = createRefreshCoordinator({ store: broken, onStoreError });
    const run = vi.fn(async (): Promise<RefreshResult> => refreshed('rt-b'));
    const answers = await Promise.all(Array.from({ length: 5 }, () => coordinator.refresh('rt-a', T0, run)));
    expect(run).toHaveBeenCalledTimes(1);
    expect(answers.map((a) => a.via).sort()).toEqual(['joined', 'joined', 'joined', 'joined', 'upstream']);
    expect(onStoreError).toHaveBeenCalledWith(failure);
  });
});
