// Public entry of @lockstep/redis-store: re-exports only.
export { createRedisRefreshStore, type RedisRefreshStore } from './redis-refresh-store.js';
export { REDIS_STORE_DEFAULTS, type RedisRefreshStoreOptions, type RedisClient, type RedisSubscriber } from './redis-store-options.js';
export { RedisStoreError, type RedisStoreErrorCode, type RedisStoreOperation } from './redis-store-error.js';
export { createRedisRevocationStore, type RedisRevocationStore } from './redis-revocation-store.js';
export { REDIS_REVOCATION_DEFAULTS, type RedisRevocationStoreOptions, type RedisRevocationClient, type RedisRevocationSubscriber } from './redis-revocation-options.js';
