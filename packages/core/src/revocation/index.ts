// @lockstep/core/revocation: revocations shared between instances. Implement RevocationStore to share them. Re-exports only.
export { createMemoryRevocationStore, type MemoryRevocationStoreOptions } from './memory-revocation-store.js';
export type { RevocationSink, RevocationStore, RevocationStoreStatus } from './revocation-store.js';
export { isRevocationEntry, type RevocationEntry } from './revocation-entry.js';
export { REVOCATION_DEFAULTS, type RevocationOptions, type RevocationStoreErrorPolicy } from './revocation-options.js';
