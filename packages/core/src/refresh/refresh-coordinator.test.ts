import { describe, expect, it, vi } from 'vitest';
import type { LockstepError } from '../errors.js';
import { hashToken } from '../util/token-hash.js';
import { createMemoryRefreshStore } from './memory-refresh-store.js';
import { createRefreshCoordinator } from './refresh-coordinator.js';
import type { RefreshResult } from './refresh-result.js';
import type { RefreshStore } from './refresh-store.js';
import { deferred, recordingStore, refreshed, sessionFor, settleCallers } from './test-support/refresh-fixtures.js';

const T0 = 1_700_000_000;

/** Starts `count` concurrent refreshes of one token against a `run` that settles when told. */
async function race(count: number, settle: (gate: ReturnType<typeof deferred<RefreshResult>>) => void) {
  const coordinator = createRefreshCoordinator();
  const gate = deferred<RefreshResult>();
  const run = vi.fn(() => gate.promise);
  const calls = Array.from({ length: count }, () => coordinator.refresh('rt-a', T0, run));
  await settleCallers();
  settle(gate);
  return { coordinator, run, outcomes: await Promise.allSettled(calls) };
}

const fulfilled = <T>(outcomes: PromiseSettledResult<T>[]): T[] =>
  outcomes.map((outcome) => {
    if (outcome.status === 'rejected') throw new Error('expected every caller to succeed');
    return outcome.value;
  });

const countVias = (vias: string[]): Record<string, number> => Object.fromEntries(['upstream', 'joined', 'successor'].map((via) => [via, vias.filter((v) => v === via).length]));

describe('refresh coordinator: single flight', () => {
  it('C7: 50 concurrent callers with one token cause one upstream call and share one result', async () => {
    const result = refreshed('rt-b');
    const { run, outcomes } = await race(50, (gate) => gate.resolve(result));
    const answers = fulfilled(outcomes);
    expect(run).toHaveBeenCalledTimes(1);
    for (const answer of answers) expect(answer.result).toBe(result);
    expect(countVias(answers.map((a) => a.via))).toEqual({ upstream: 1, joined: 49, successor: 0 });
  });

  it.each<[string, RefreshResult]>([
    ['a rejection', { kind: 'rejected', reason: 'refresh_token_already_used' }],
    ['an outage', { kind: 'unavailable', cause: 'server_error', status: 503 }],
  ])('shares %s among joiners but never caches it', async (_name, result) => {
    const { coordinator, run, outcomes } = await race(5, (gate) => gate.resolve(result));
    const answers = fulfilled(outcomes);
    expect(run).toHaveBeenCalledTimes(1);
    for (const answer of answers) expect(answer.result).toBe(result);
    expect(countVias(answers.map((a) => a.via))).toEqual({ upstream: 1, joined: 4, successor: 0 });

    const again = vi.fn(async (): Promise<RefreshResult> => refreshed('rt-b'));
    expect((await coordinator.refresh('rt-a', T0 + 1, again)).via).toBe('upstream');
    expect(again).toHaveBeenCalledTimes(1);
  });

  it('hands a throw from run to every waiter, then lets the next call run again', async () => {
    const bug = new TypeError('run is broken');
    const { coordinator, run, outcomes } = await race(5, (gate) => gate.reject(bug));
    expect(run).toHaveBeenCalledTimes(1);
    for (const outcome of outcomes) expect(outcome).toEqual({ status: 'rejected', reason: bug });
    for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).toBe(bug);

    const again = vi.fn(async (): Promise<RefreshResult> => refreshed('rt-b'));
    expect((await coordinator.refresh('rt-a', T0, again)).via).toBe('upstream');
    expect(again).toHaveBeenCalledTimes(1);
  });

  it('does not share between different tokens', async () => {
    const coordinator = createRefreshCoordinator();
    const runA = vi.fn(async (): Promise<RefreshResult> => refreshed('rt-a2'));
    const runB = vi.fn(async (): Promise<RefreshResult> => refreshed('rt-b2'));
    const [a, b] = await Promise.all([coordinator.refresh('rt-a', T0, runA), coordinator.refresh('rt-b', T0, runB)]);
    expect([a.via, b.via]).toEqual(['upstream', 'upstream']);
    expect(a.result).toEqual(refreshed('rt-a2'));
    expect(b.result).toEqual(refreshed('rt-b2'));
    expect(runA).toHaveBeenCalledTimes(1);
    expect(runB).toHaveBeenCalledTimes(1);
  });
});

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

describe('refresh coordinator: options and arguments', () => {
  const invalid = expect.objectContaining({ name: 'LockstepError', code: 'ERR_CONFIG_INVALID' }) as LockstepError;

  it.each([0, -1, 60.5, 61, Number.NaN, Number.POSITIVE_INFINITY, '10' as unknown as number])('rejects successorTtlSeconds %s', (successorTtlSeconds) => {
    expect(() => createRefreshCoordinator({ successorTtlSeconds })).toThrow(invalid);
  });

  it.each([0, 61, Number.NaN])('rejects lockTtlSeconds %s', (lockTtlSeconds) => {
    expect(() => createRefreshCoordinator({ lockTtlSeconds })).toThrow(invalid);
  });

  it('accepts the bounds of the range', () => {
    expect(() => createRefreshCoordinator({ successorTtlSeconds: 60, lockTtlSeconds: 0.5 })).not.toThrow();
  });

  it('rejects a store that does not implement the port', () => {
    const { acquireLock: _omitted, ...partial } = createMemoryRefreshStore();
    expect(() => createRefreshCoordinator({ store: partial as unknown as RefreshStore })).toThrow(invalid);
  });

  it('refuses a time that is not a finite number of seconds', async () => {
    const coordinator = createRefreshCoordinator();
    await expect(coordinator.refresh('rt-a', Number.NaN, async () => refreshed('rt-b'))).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
  });
});
