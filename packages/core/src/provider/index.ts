// @lockstep/core/provider: what a provider implementation needs beyond the port's types (exported by
// the root entry): bounded auth-server calls, the request record, token hashing, bounded caches. Re-exports only.
export { boundedCall, bodyErrorCode, classifyAnswer, type AnswerPolicy, type CallResult } from '../http/bounded-call.js';
export { networkFailureDetail } from '../http/network-failure.js';
export { borrowRequestRecord, toRequestRecord, type RequestRecord } from '../request/request-record.js';
export { checkedTokenHasher, createTokenHasher, hashToken, hashTokenSync, type Sha256, type TokenHasher } from '../util/token-hash.js';
export { LruCache } from '../util/lru-cache.js';
export { deepFreeze } from '../util/deep-freeze.js';
export { createSessionReadCache, type CachedCheckMode, type CachedRead, type SessionReadCache, type SessionReadCacheOptions } from '../session/session-read-cache.js';
export { boundedNumber, requireString } from '../options.js';
export { refuseUnknownKeys } from '../instance/validate-options.js';
