import { describe, expect, it, vi } from 'vitest';
import type { LockstepError } from '../errors.js';
import { createMemoryRefreshStore } from './memory-refresh-store.js';
import { createRefreshCoordinator } from './refresh-coordinator.js';
import type { RefreshResult } from './refresh-result.js';
import type { RefreshStore } from './refresh-store.js';
import { gatedRun, refreshed, type Deferred } from './test-support/refresh-fixtures.js';

const T0 = 1_700_000_000;

/** Starts `count` concurrent refreshes of one token against a `run` that settles when told. */
async function race(count: number, settle: (gate: Deferred<RefreshResult>) => void) {
  const coordinator = createRefreshCoordinator();
  const upstream = gatedRun();
  const run = vi.fn(upstream.run);
  const calls = Array.from({ length: count }, () => coordinator.refresh('rt-a', T0, run));
  // The upstream call has started: the flight is registered and every caller has looked it up.
  await upstream.started;
  settle(upstream.gate);
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
