// The port through which refresh coordinators share successors and a refresh lock (DESIGN §3.4).
import type { Session } from '../session/session.js';

/**
 * A spent refresh token's successor. Stored under the hash of the spent token; `next` is the hash
 * of `session.refreshToken`, so a chain A→B→C can be walked without hashing again.
 */
export interface SuccessorRecord {
  readonly session: Session;
  /** Hash of `session.refreshToken`: the key of the next link, if that token is spent too. */
  readonly next: string;
  /**
   * The fencing generation of the lock under which the refresh ran; 0 when it ran without one.
   * A record never replaces one with a greater or equal generation.
   */
  readonly generation: number;
}

/** The answer to a lock request: either the lock with its fencing generation, or not. */
export type RefreshLockGrant = { readonly acquired: true; readonly generation: number } | { readonly acquired: false };

/**
 * Shared state for refresh coordination. Every key is a token hash (see `hashToken`), never a
 * token. Times are Unix seconds passed by value; a store compares them and never reads a clock
 * for expiry decisions (a store with its own expiry, like Redis `PX`, may use that instead).
 *
 * Implementations: `createMemoryRefreshStore()` for one process; a Redis store for several.
 *
 * @example
 * const store: RefreshStore = createMemoryRefreshStore({ maxEntries: 10_000 });
 * const coordinator = createRefreshCoordinator({ store });
 */
export interface RefreshStore {
  /** The successor recorded for `key`, unless missing or expired at `now`. */
  getSuccessor(key: string, now: number): Promise<SuccessorRecord | undefined>;

  /**
   * Records `record` under `key` until `expiresAt`, unless the key already holds a record with a
   * greater or equal `generation`: an older result never overwrites a newer one. Resolves to
   * whether it was written. A record expired at `now` no longer counts. Must be atomic (compare
   * and set) in a shared store.
   */
  putSuccessor(key: string, record: SuccessorRecord, now: number, expiresAt: number): Promise<boolean>;

  /**
   * Tries to become the one refresher of `key` until `expiresAt`. A lock past its expiry is free.
   * Each grant carries a generation greater than every generation granted before for the same key, so a
   * holder whose lock expired mid-refresh cannot overwrite its successor's newer result.
   */
  acquireLock(key: string, now: number, expiresAt: number): Promise<RefreshLockGrant>;

  /** Releases the lock on `key` if `generation` still holds it; otherwise does nothing. Wakes waiters. */
  releaseLock(key: string, generation: number): Promise<void>;

  /**
   * Resolves once the lock on `key` is released or free at `now`, or when `signal` aborts (the
   * caller bounds the wait by the lock's lifetime). Never rejects.
   */
  waitForUnlock(key: string, now: number, signal: AbortSignal): Promise<void>;
}
