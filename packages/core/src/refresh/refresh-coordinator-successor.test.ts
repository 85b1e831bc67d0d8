// The successor cache: late callers with a spent token (C8), chains, TTLs, hashed keys and bounds.
import { describe, expect, it, vi } from 'vitest';
import { hashToken } from '../util/token-hash.js';
import { createMemoryRefreshStore } from './memory-refresh-store.js';
import { createRefreshCoordinator } from './refresh-coordinator.js';
import type { RefreshResult } from './refresh-result.js';
import { recordingStore, refreshed, sessionFor } from './test-support/refresh-fixtures.js';

const T0 = 1_700_000_000;

describe('refresh coordinator: successor cache', () => {
  const unexpected = vi.fn(async (): Promise<RefreshResult> => {
    throw new Error('run must not be called');
  });

  it('C8: answers a late caller with the spent token from the cache, without calling run', async () => {
    const coordinator = createRefreshCoordinator();
    await coordinator.refresh('rt-a', T0, async () => refreshed('rt-b'));
    const late = await coordinator.refresh('rt-a', T0 + 9, unexpected);
    expect(late).toEqual({ result: refreshed('rt-b'), via: 'successor' });
    expect(unexpected).not.toHaveBeenCalled();
  });

  it('forgets the successor once its TTL has passed', async () => {
    const coordinator = createRefreshCoordinator({ successorTtlSeconds: 5 });
    await coordinator.refresh('rt-a', T0, async () => refreshed('rt-b'));
    const run = vi.fn(async (): Promise<RefreshResult> => ({ kind: 'rejected', reason: 'refresh_token_already_used' }));
    expect((await coordinator.refresh('rt-a', T0 + 4, run)).via).toBe('successor');
    expect((await coordinator.refresh('rt-a', T0 + 5, run)).via).toBe('upstream');
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('follows a chain A→B→C to the newest session, each link within its own TTL', async () => {
    const coordinator = createRefreshCoordinator();
    await coordinator.refresh('rt-a', T0, async () => refreshed('rt-b'));
    await coordinator.refresh('rt-b', T0 + 3, async () => refreshed('rt-c'));
    expect(await coordinator.refresh('rt-a', T0 + 5, unexpected)).toEqual({ result: refreshed('rt-c'), via: 'successor' });
    expect(await coordinator.refresh('rt-b', T0 + 5, unexpected)).toEqual({ result: refreshed('rt-c'), via: 'successor' });
    // A's own link expired at T0 + 10 even though B's lives on: A must not be honoured longer than the server would.
    const run = vi.fn(async (): Promise<RefreshResult> => ({ kind: 'rejected', reason: 'refresh_token_already_used' }));
    expect((await coordinator.refresh('rt-a', T0 + 11, run)).via).toBe('upstream');
    expect((await coordinator.refresh('rt-b', T0 + 11, unexpected)).via).toBe('successor');
  });

  it('shares a successor hit among concurrent callers', async () => {
    const coordinator = createRefreshCoordinator();
    await coordinator.refresh('rt-a', T0, async () => refreshed('rt-b'));
    const answers = await Promise.all(Array.from({ length: 10 }, () => coordinator.refresh('rt-a', T0 + 1, unexpected)));
    expect(new Set(answers.map((a) => a.via))).toEqual(new Set(['successor']));
    expect(answers.every((a) => a.result.kind === 'refreshed' && a.result.session.refreshToken === 'rt-b')).toBe(true);
  });

  it('records successors under hashes: no raw token is ever a store key', async () => {
    const { store, keys } = recordingStore();
    const coordinator = createRefreshCoordinator({ store });
    await coordinator.refresh('rt-secret-a', T0, async () => refreshed('rt-secret-b'));
    await coordinator.refresh('rt-secret-b', T0 + 1, async () => refreshed('rt-secret-c'));
    await coordinator.refresh('rt-secret-a', T0 + 2, unexpected);
    expect(keys.size).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(key).not.toContain('rt-secret');
    }
    expect(keys).toEqual(new Set(await Promise.all(['rt-secret-a', 'rt-secret-b', 'rt-secret-c'].map(hashToken))));
  });

  // 20k through the coordinator (two SHA-256 digests each); memory-refresh-store.test.ts drives 200k into the store itself.
  it('stays bounded: 20k distinct tokens with maxEntries 1000', { timeout: 30_000 }, async () => {
    const store = createMemoryRefreshStore({ maxEntries: 1000 });
    const coordinator = createRefreshCoordinator({ store });
    for (let batch = 0; batch < 20; batch++) {
      await Promise.all(
        Array.from({ length: 1000 }, (_, i) => {
          const n = batch * 1000 + i;
          return coordinator.refresh(`rt-${n}`, T0, async () => ({ kind: 'refreshed', session: sessionFor(`rt-next-${n}`) }));
        }),
      );
      expect(store.size).toBeLessThanOrEqual(1000);
    }
    expect(store.size).toBeLessThanOrEqual(1000);
    expect((await coordinator.refresh('rt-19999', T0 + 1, unexpected)).via).toBe('successor');
  });
});
