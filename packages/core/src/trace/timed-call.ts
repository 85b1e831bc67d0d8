// Times one provider operation that reaches the auth server and reports it as an `auth.call` event.
import { emit, type AuthOperation, type EventHandler } from '../events.js';
import { monotonicMs } from './monotonic-clock.js';
import { roundMs } from './request-trace.js';

/** What a finished call reports: its result class and, when the answer had one, its HTTP status. */
export interface CallReport {
  readonly result: 'ok' | 'rejected' | 'unavailable';
  readonly status?: number;
}

/**
 * Runs `call` and emits `auth.call` with its duration and report. Without a handler the call runs
 * untouched (no clock reads). `report` returning `null` means the operation did not reach the server.
 *
 * @example
 * const result = await timedCall(onEvent, 'refresh', () => provider.refresh(token, now), refreshReport);
 */
export async function timedCall<T>(onEvent: EventHandler | undefined, operation: AuthOperation, call: () => Promise<T>, report: (value: T) => CallReport | null): Promise<T> {
  if (onEvent === undefined) return call();
  const started = monotonicMs();
  const value = await call();
  const outcome = report(value);
  if (outcome !== null) {
    emit(onEvent, { type: 'auth.call', operation, result: outcome.result, durationMs: roundMs(monotonicMs() - started), ...(outcome.status === undefined ? {} : { status: outcome.status }) });
  }
  return value;
}
