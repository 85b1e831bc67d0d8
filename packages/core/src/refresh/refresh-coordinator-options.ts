// The refresh coordinator's options: documented defaults, validated once at creation.
import { LockstepError } from '../errors.js';
import { createMemoryRefreshStore } from './memory-refresh-store.js';
import type { RefreshStore } from './refresh-store.js';

/** Options of {@link createRefreshCoordinator}. */
export interface RefreshCoordinatorOptions {
  /**
   * Where successors and the refresh lock live; share one (e.g. Redis) across instances.
   * @default createMemoryRefreshStore()
   */
  readonly store?: RefreshStore;
  /**
   * Seconds a spent token is answered with its successor. Must be ≤ the auth server's reuse
   * interval, so the cache is never more lenient than the server; in (0, 60].
   * @default 10
   */
  readonly successorTtlSeconds?: number;
  /**
   * Seconds the shared refresh lock lives; longer than the refresh call's own timeout, and the
   * longest a caller waits for a refresh running in another process. In (0, 60].
   * @default 10
   */
  readonly lockTtlSeconds?: number;
  /**
   * The longest one caller waits, in total, for refreshes running elsewhere before it refreshes
   * without the lock (the server answers a duplicate with the same child, so that costs a call,
   * not a session). Keep it near the auth-call timeout so the promised latency holds. In (0, 60].
   * @default lockTtlSeconds
   */
  readonly maxWaitSeconds?: number;
  /**
   * The current time in Unix seconds, read again after every wait. Tests inject it; by default
   * the `now` a caller passed advances with the real time elapsed since the call.
   */
  readonly clock?: () => number;
  /**
   * Told about a failing store. The coordinator then carries on as if it had no shared store
   * (single flight still holds within the process): a store outage must not sign anyone out.
   * Errors from it are ignored. @default ignore
   */
  readonly onStoreError?: (error: unknown) => void;
}

/** Options after validation, defaults applied. */
export type CoordinatorConfig = Readonly<Required<Omit<RefreshCoordinatorOptions, 'onStoreError' | 'clock'>>> & Pick<RefreshCoordinatorOptions, 'onStoreError' | 'clock'>;

const DEFAULTS = { successorTtlSeconds: 10, lockTtlSeconds: 10 } as const;
const STORE_METHODS = ['getSuccessor', 'putSuccessor', 'acquireLock', 'releaseLock', 'waitForUnlock'] as const;

/** Validates and freezes the options once, at creation, so misconfiguration fails at boot. */
export function resolveCoordinatorOptions(options: RefreshCoordinatorOptions): CoordinatorConfig {
  const successorTtlSeconds = options.successorTtlSeconds ?? DEFAULTS.successorTtlSeconds;
  const lockTtlSeconds = options.lockTtlSeconds ?? DEFAULTS.lockTtlSeconds;
  const maxWaitSeconds = options.maxWaitSeconds ?? lockTtlSeconds;
  for (const [name, value] of [['successorTtlSeconds', successorTtlSeconds], ['lockTtlSeconds', lockTtlSeconds], ['maxWaitSeconds', maxWaitSeconds]] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 60) {
      throw new LockstepError('ERR_CONFIG_INVALID', `refresh coordinator: ${name} must be a number of seconds in (0, 60]`);
    }
  }
  const store = options.store ?? createMemoryRefreshStore();
  if (typeof store !== 'object' || store === null || STORE_METHODS.some((method) => typeof store[method] !== 'function')) {
    throw new LockstepError('ERR_CONFIG_INVALID', `refresh coordinator: store must implement ${STORE_METHODS.join(', ')}`);
  }
  if (options.onStoreError !== undefined && typeof options.onStoreError !== 'function') {
    throw new LockstepError('ERR_CONFIG_INVALID', 'refresh coordinator: onStoreError must be a function');
  }
  if (options.clock !== undefined && typeof options.clock !== 'function') {
    throw new LockstepError('ERR_CONFIG_INVALID', 'refresh coordinator: clock must be a function');
  }
  return Object.freeze({ store, successorTtlSeconds, lockTtlSeconds, maxWaitSeconds, onStoreError: options.onStoreError, clock: options.clock });
}
