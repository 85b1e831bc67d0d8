// The error a Redis refresh store rejects with: a stable code, and never a token or a command's arguments.

/** Stable codes of {@link RedisStoreError}. Never renamed once published; new ones may be added. */
export type RedisStoreErrorCode =
  /** The command got no answer within `commandTimeoutMs` (Redis slow, or down with an offline queue). */
  | 'ERR_REDIS_STORE_TIMEOUT'
  /** The client or the server refused the command (connection closed, offline queue disabled, script error). */
  | 'ERR_REDIS_STORE_COMMAND'
  /** A stored successor is not a record this store wrote; it is never treated as a session. */
  | 'ERR_REDIS_STORE_CORRUPT';

/** The store operation that failed, for the error's message and for monitoring. */
export type RedisStoreOperation = 'getSuccessor' | 'putSuccessor' | 'acquireLock' | 'releaseLock' | 'waitForUnlock' | 'subscribe' | 'revoke' | 'loadRevocations';

/**
 * What a Redis refresh store rejects with and reports to `onError`. The coordinator answers it by
 * carrying on with its in-process single flight (its `onStoreError` sees the same error).
 *
 * The upstream client error is summarized as `name: message` and not kept as `cause`: ioredis
 * attaches the failed command with its arguments to some errors, and a successor's arguments
 * hold live tokens (STYLE 13).
 *
 * @example
 * createRedisRefreshStore({ client, onError: (error) => log.warn({ code: error.code, op: error.operation }) });
 */
export class RedisStoreError extends Error {
  override readonly name = 'RedisStoreError';
  readonly code: RedisStoreErrorCode;
  readonly operation: RedisStoreOperation;

  constructor(code: RedisStoreErrorCode, operation: RedisStoreOperation, detail: string) {
    super(`redis store: ${operation} failed: ${detail}`);
    this.code = code;
    this.operation = operation;
  }
}

/** Summarizes an upstream failure without the command it carried. */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : 'unknown error';
}
