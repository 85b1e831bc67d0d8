// @lockstep/core/refresh: refresh coordination. Implement RefreshStore to share it across instances. Re-exports only.
export { createMemoryRefreshStore, type MemoryRefreshStore, type MemoryRefreshStoreOptions } from './memory-refresh-store.js';
export type { RefreshLockGrant, RefreshStore, SuccessorRecord } from './refresh-store.js';
export { isRefusalCode, type RefreshRejection, type RefreshResult, type RefreshVia } from './refresh-result.js';
