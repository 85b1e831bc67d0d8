// One request's correlation id and running account: the id every event of the request carries, and
// how its session was had (for the `request.decided` event and the debug header).
import type { EventHandler, LockstepEventBody, SessionSource } from '../events.js';
import { monotonicMs } from './monotonic-clock.js';

/** The request header that carries the id from the middleware to the server guards of the same request. */
export const REQUEST_ID_HEADER = 'lockstep-request-id';

// Only ids we could have made: a client-sent header can label its own request, never inject text into a log line.
const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;

export interface RequestTrace {
  readonly requestId: string;
  /** Emits through the instance's hook with `requestId` added, and keeps the request's account. */
  readonly onEvent: EventHandler;
  /** How the session of this request was had, as far as the events so far tell. */
  readonly session: () => SessionSource;
  /** Milliseconds since the trace started. */
  readonly elapsedMs: () => number;
}

/**
 * Starts a request's trace. `handler` is the instance's `onEvent` (may be absent when only debug
 * mode needs the account). A throwing handler is the caller's `emit` to catch, as for any event.
 */
export function startTrace(handler: EventHandler | undefined, requestId: string = newRequestId()): RequestTrace {
  const started = monotonicMs();
  let session: SessionSource = 'none';
  return {
    requestId,
    onEvent(event: LockstepEventBody) {
      session = nextSource(session, event);
      handler?.({ ...event, requestId });
    },
    session: () => session,
    elapsedMs: () => roundMs(monotonicMs() - started),
  };
}

/** The id the middleware forwarded with the request, or a new one when there is none (or it is not one of ours). */
export function requestIdFrom(headers: Headers): string {
  const sent = headers.get(REQUEST_ID_HEADER);
  return sent !== null && REQUEST_ID.test(sent) ? sent : newRequestId();
}

export function newRequestId(): string {
  return globalThis.crypto.randomUUID();
}

/** Durations are reported to the microsecond: finer digits are clock noise. */
export function roundMs(ms: number): number {
  return Math.max(0, Math.round(ms * 1000) / 1000);
}

// A renewal outranks a check: after a refresh the new token is checked as `issued`, which reports no `session.verified`.
function nextSource(current: SessionSource, event: LockstepEventBody): SessionSource {
  switch (event.type) {
    case 'session.refreshed':
      return 'refreshed';
    case 'session.refresh_joined':
      return 'joined';
    case 'session.successor_replayed':
      return 'replayed';
    case 'session.verified':
      return current === 'none' ? (event.cached ? 'cached' : 'verified') : current;
    default:
      return current;
  }
}
