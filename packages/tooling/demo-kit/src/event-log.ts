// Keeps the last Lockstep events in memory so the pages can show what recent requests did to the session.
import type { LockstepEvent } from '@lockstep/core';
import type { Clock } from './auth-backend.js';

/** One recorded event and when (Unix seconds, on the demo's clock) it happened. */
export interface LoggedEvent {
  readonly at: number;
  readonly event: LockstepEvent;
}

/** A bounded, newest-first log of session events. */
export interface EventLog {
  /** The `onEvent` hook to give Lockstep. */
  readonly record: (event: LockstepEvent) => void;
  /** Session events of `userId` (and user-less ones such as sign-outs and outages), newest first. */
  readonly recentFor: (userId: string, limit: number) => readonly LoggedEvent[];
}

/** `session.verified` fires on every request: the panel is about refreshes and sign-ins, so skip it. */
const NOISE: ReadonlySet<LockstepEvent['type']> = new Set(['session.verified']);
/** Route events describe some request's path, not a session: kept out of a user's panel. */
const ROUTE_EVENTS: ReadonlySet<LockstepEvent['type']> = new Set(['route.denied', 'route.malformed']);

/**
 * Creates a log of at most `capacity` events. Events carry no token or cookie value (DESIGN §3.8),
 * so showing them is safe; other users' events are filtered out by their `userId`.
 *
 * @example
 * const log = createEventLog(50, () => Date.now() / 1000);
 * createLockstep({ ...options, onEvent: log.record });
 */
export function createEventLog(capacity: number, now: Clock): EventLog {
  const entries: LoggedEvent[] = [];
  return {
    record(event) {
      if (NOISE.has(event.type)) return;
      entries.unshift({ at: now(), event });
      entries.length = Math.min(entries.length, capacity);
    },
    recentFor(userId, limit) {
      const concerns = (event: LockstepEvent): boolean => ('userId' in event ? event.userId === userId : !ROUTE_EVENTS.has(event.type));
      return entries.filter(({ event }) => concerns(event)).slice(0, limit);
    },
  };
}
