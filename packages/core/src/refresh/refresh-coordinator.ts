// Spends each refresh token at most once across concurrent callers, and answers late ones with its successor.
import { LockstepError } from '../errors.js';
import { hashToken } from '../util/token-hash.js';
import { resolveCoordinatorOptions, type CoordinatorConfig, type RefreshCoordinatorOptions } from './refresh-coordinator-options.js';
import type { RefreshResult, RefreshVia } from './refresh-result.js';
import { findNewestSuccessor } from './successor-chain.js';

export type { RefreshCoordinatorOptions } from './refresh-coordinator-options.js';

/** Coordinates refreshes for one process; one per app. */
export interface RefreshCoordinator {
  /**
   * Refreshes `refreshToken` at most once across concurrent callers. `run` performs the upstream
   * call (it has its own timeout) and gets the time it runs at; `now` is Unix seconds when the
   * caller asked. Every caller that shares a call gets the identical result object. A throw from
   * `run` (a bug) reaches every caller that shared it.
   */
  refresh(refreshToken: string, now: number, run: (now: number) => Promise<RefreshResult>): Promise<{ result: RefreshResult; via: RefreshVia }>;
}

/** How a flight got its result; `peer` means another process refreshed while this one waited. */
interface Settled {
  readonly result: RefreshResult;
  readonly source: 'upstream' | 'successor' | 'peer';
}

// Waits for another process's lock before refreshing without it; see `fly`.
const MAX_WAITS = 2;

/**
 * Creates a refresh coordinator (DESIGN §3.4, scenarios C7 and C8).
 *
 * @example
 * const coordinator = createRefreshCoordinator({ successorTtlSeconds: 10 });
 * const { result, via } = await coordinator.refresh(session.refreshToken, now, (at) => refreshSession(ctx, session.refreshToken, at));
 */
export function createRefreshCoordinator(options: RefreshCoordinatorOptions = {}): RefreshCoordinator {
  const config = resolveCoordinatorOptions(options);
  // Keyed by token hash; an entry lives exactly as long as its flight, so the map cannot grow unbounded.
  const flights = new Map<string, Promise<Settled>>();

  return {
    async refresh(refreshToken, now, run) {
      if (!Number.isFinite(now)) throw new LockstepError('ERR_INTERNAL', 'refresh coordinator: now must be finite Unix seconds');
      const key = await hashToken(refreshToken);
      const ongoing = flights.get(key);
      if (ongoing !== undefined) {
        const settled = await ongoing;
        return { result: settled.result, via: settled.source === 'successor' ? 'successor' : 'joined' };
      }
      const flight: Promise<Settled> = fly(config, key, now, run).finally(() => {
        if (flights.get(key) === flight) flights.delete(key);
      });
      flights.set(key, flight);
      const settled = await flight;
      return { result: settled.result, via: settled.source === 'peer' ? 'joined' : settled.source };
    },
  };
}

/**
 * One flight: a live successor answers at once; else take the shared lock and refresh; else wait
 * for the holder and look again. After `MAX_WAITS`, or `maxWaitSeconds` in all, the refresh runs
 * without the lock: a wedged lock must not wedge sign-in, and a duplicate concurrent refresh is
 * answered by the server with the same child (gotrue-contract §3.4 B1), so it costs a call, not a
 * session. The time is read again at every step: a wait can last seconds.
 */
async function fly(config: CoordinatorConfig, key: string, askedAt: number, run: (now: number) => Promise<RefreshResult>): Promise<Settled> {
  const { store } = config;
  const clock = config.clock ?? elapsedSince(askedAt);
  const giveUpAt = askedAt + config.maxWaitSeconds;
  for (let waits = 0; ; waits += 1) {
    const now = waits === 0 ? askedAt : clock();
    const session = await guard(config, () => findNewestSuccessor(store, key, now), undefined);
    if (session !== undefined) return { result: { kind: 'refreshed', session }, source: waits === 0 ? 'successor' : 'peer' };
    if (waits === MAX_WAITS || now >= giveUpAt) return runAndRecord(config, key, now, run, 0);

    const grant = await guard(config, () => store.acquireLock(key, now, now + config.lockTtlSeconds), null);
    // The store failed: nothing to agree through, so fall back to this process's single flight.
    if (grant === null) return runAndRecord(config, key, now, run, 0);
    if (grant.acquired) {
      try {
        // The previous holder may have recorded its successor and released between our look and our grant.
        const recorded = await guard(config, () => findNewestSuccessor(store, key, now), undefined);
        if (recorded !== undefined) return { result: { kind: 'refreshed', session: recorded }, source: waits === 0 ? 'successor' : 'peer' };
        return await runAndRecord(config, key, now, run, grant.generation);
      } finally {
        await guard(config, () => store.releaseLock(key, grant.generation), undefined);
      }
    }
    const signal = AbortSignal.timeout(Math.ceil(Math.min(config.lockTtlSeconds, giveUpAt - now) * 1000));
    await guard(config, () => store.waitForUnlock(key, now, signal), undefined);
  }
}

/** A clock that starts at `start` (Unix seconds) and advances with the real time elapsed. */
function elapsedSince(start: number): () => number {
  const startedMs = Date.now();
  return () => start + (Date.now() - startedMs) / 1000;
}

/** Calls upstream and, on success, records the successor before anyone is answered, so no later caller misses it. */
async function runAndRecord(config: CoordinatorConfig, key: string, now: number, run: (now: number) => Promise<RefreshResult>, generation: number): Promise<Settled> {
  const result = await run(now);
  // Only successes are remembered: a rejection or outage is shared by this flight's callers, never cached.
  // The TTL counts from the flight's `now`, which precedes the server's revocation of the token,
  // so the cache never honours a spent token longer than the server's reuse interval would.
  if (result.kind === 'refreshed') {
    const record = { session: result.session, next: await hashToken(result.session.refreshToken), generation };
    await guard(config, () => config.store.putSuccessor(key, record, now, now + config.successorTtlSeconds), false);
  }
  return { result, source: 'upstream' };
}

async function guard<T>(config: CoordinatorConfig, operation: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    try {
      config.onStoreError?.(error);
    } catch {
      // A broken observer must not turn a store hiccup into a failed refresh.
    }
    return fallback;
  }
}
