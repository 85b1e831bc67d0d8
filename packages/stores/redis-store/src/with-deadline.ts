// Bounds one Redis round trip by a deadline, so a slow or unreachable server never holds a request.
import { RedisStoreError, describeFailure, type RedisStoreOperation } from './redis-store-error.js';

/**
 * Settles with `pending`, or rejects with `ERR_REDIS_STORE_TIMEOUT` after `timeoutMs`; a client
 * failure becomes `ERR_REDIS_STORE_COMMAND`. The command itself cannot be recalled: it may still
 * run later (from ioredis's offline queue), which `onLate` is told about so the caller can undo it.
 *
 * @example
 * const reply = await withDeadline(client.get(name), 250, 'getSuccessor');
 */
export function withDeadline<T>(pending: Promise<T>, timeoutMs: number, operation: RedisStoreOperation, onLate?: (value: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      reject(new RedisStoreError('ERR_REDIS_STORE_TIMEOUT', operation, `no reply within ${timeoutMs} ms`));
    }, timeoutMs);
    pending.then(
      (value) => {
        clearTimeout(timer);
        if (timedOut) onLate?.(value);
        else resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        // After the deadline the caller has moved on; a late failure has nothing left to undo.
        if (!timedOut) reject(new RedisStoreError('ERR_REDIS_STORE_COMMAND', operation, describeFailure(error)));
      },
    );
  });
}
