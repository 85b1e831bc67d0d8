// The `revocation` option of createLockstep: documented defaults, validated once at boot.
import { LockstepError } from '../errors.js';
import type { RevocationStore } from './revocation-store.js';

/** What an instance does while its revocation store is unreachable (its local view may be missing entries). */
export type RevocationStoreErrorPolicy = 'open' | 'closed';

/** Options of revocation (docs/revocation.md). */
export interface RevocationOptions {
  /**
   * Where revocations are shared. The default is this instance's memory: revocations reach this
   * process only. Several processes need a shared store (`createRedisRevocationStore`).
   * @default createMemoryRevocationStore()
   */
  readonly store?: RevocationStore;
  /**
   * The longest lifetime of an access token of your auth server, in seconds (Supabase's JWT expiry
   * setting): how long an entry is kept, since after it every token it concerns has expired.
   * @default 3600
   */
  readonly maxTokenLifetimeSeconds?: number;
  /**
   * While the store is unreachable: `open` keeps verifying `claims` routes locally with the entries
   * it has (a `revocation.store_unavailable` event says so); `closed` verifies `claims` routes with
   * the auth server (as `user` mode) until the store is back.
   * @default 'open'
   */
  readonly onStoreError?: RevocationStoreErrorPolicy;
  /** Most entries held locally; past it the oldest goes first. @default 100_000 */
  readonly maxEntries?: number;
}

/** The options resolved. */
export interface RevocationConfig {
  readonly store: RevocationStore | undefined;
  readonly maxTokenLifetimeSeconds: number;
  readonly onStoreError: RevocationStoreErrorPolicy;
  readonly maxEntries: number;
}

export const REVOCATION_DEFAULTS = Object.freeze({ maxTokenLifetimeSeconds: 3600, onStoreError: 'open', maxEntries: 100_000 } as const);

const KEYS: readonly string[] = ['store', 'maxTokenLifetimeSeconds', 'onStoreError', 'maxEntries'];

/** Validates `revocation`, so a mistake fails at boot. */
export function resolveRevocationOptions(options: RevocationOptions | undefined): RevocationConfig {
  if (options !== undefined && (typeof options !== 'object' || options === null)) throw invalid('revocation must be an object.');
  for (const key of Object.keys(options ?? {})) if (!KEYS.includes(key)) throw invalid(`Unknown revocation option "${key}" (known: ${KEYS.join(', ')}).`);
  const { store, maxTokenLifetimeSeconds = REVOCATION_DEFAULTS.maxTokenLifetimeSeconds, onStoreError = REVOCATION_DEFAULTS.onStoreError, maxEntries = REVOCATION_DEFAULTS.maxEntries } = options ?? {};
  if (store !== undefined && (typeof store?.publish !== 'function' || typeof store.subscribe !== 'function')) throw invalid('revocation.store must be a RevocationStore (publish, subscribe).');
  if (!Number.isSafeInteger(maxTokenLifetimeSeconds) || maxTokenLifetimeSeconds < 60 || maxTokenLifetimeSeconds > 7 * 86_400) throw invalid('revocation.maxTokenLifetimeSeconds must be a whole number of seconds from 60 to 604800.');
  if (onStoreError !== 'open' && onStoreError !== 'closed') throw invalid("revocation.onStoreError must be 'open' or 'closed'.");
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) throw invalid('revocation.maxEntries must be a positive integer.');
  return Object.freeze({ store, maxTokenLifetimeSeconds, onStoreError, maxEntries });
}

function invalid(message: string): LockstepError {
  return new LockstepError('ERR_CONFIG_INVALID', message);
}
