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
  /** Up to `limit` session events of `userId` (and user-less ones such as sign-outs and outages), plus at most three of their request decisions, newest first. */
  readonly recentFor: (userId: string, limit: number) => readonly LoggedEvent[];
}

/** `session.verified` fires on every request, and call timings and guards on most: the panel is about refreshes, sign-ins and decisions. */
const NOISE: ReadonlySet<LockstepEvent['type']> = new Set(['session.verified', 'auth.call', 'guard.decided']);
/** Route events describe some request's path, not a session: kept out of a user's panel. */
const ROUTE_EVENTS: ReadonlySet<LockstepEvent['type']> = new Set(['route.denied', 'route.malformed']);
/** Decisions shown at most in one panel: the panel is first about what happened to the session (refreshes, sign-outs). */
const DECISIONS_SHOWN = 3;
/** Requests whose user is remembered (by request id), to show each user the decisions of their own requests. */
const OWNERS_KEPT = 1000;

/**
 * Creates a log of at most `capacity` events. Events carry no token or cookie value (DESIGN §3.8),
 * so showing them is safe; other users' events are filtered out by their `userId`. A request's
 * `request.decided` carries no user: it is shown to the user whose session events carried the same
 * `requestId`, and to nobody when the request had no session.
 *
 * @example
 * const log = createEventLog(50, () => Date.now() / 1000);
 * createLockstep({ ...options, onEvent: log.record });
 */
export function createEventLog(capacity: number, now: Clock): EventLog {
  const entries: (LoggedEvent & { readonly owner?: string })[] = [];
  const owners = new Map<string, string>();
  return {
    record(event) {
      if (event.requestId !== undefined && 'userId' in event && event.userId !== '') {
        owners.set(event.requestId, event.userId);
        if (owners.size > OWNERS_KEPT) owners.delete(owners.keys().next().value ?? '');
      }
      if (NOISE.has(event.type)) return;
      if (event.type === 'request.decided') {
        const owner = event.requestId === undefined ? undefined : owners.get(event.requestId);
        if (owner === undefined) return;
        entries.unshift({ at: now(), event, owner });
      } else entries.unshift({ at: now(), event });
      entries.length = Math.min(entries.length, capacity);
    },
    recentFor(userId, limit) {
      const concerns = (entry: (typeof entries)[number]): boolean => {
        if (entry.owner !== undefined) return entry.owner === userId;
        const { event } = entry;
        return 'userId' in event ? event.userId === userId : !ROUTE_EVENTS.has(event.type);
      };
      // `limit` session events, plus at most DECISIONS_SHOWN decisions on top: a burst of requests
      // must not push the refresh they shared out of the panel.
      const shown: LoggedEvent[] = [];
      let sessionEvents = 0;
      let decisions = 0;
      for (const entry of entries) {
        if (sessionEvents === limit) break;
        if (!concerns(entry)) continue;
        if (entry.event.type === 'request.decided') {
          if (decisions++ >= DECISIONS_SHOWN) continue;
        } else sessionEvents++;
        shown.push({ at: entry.at, event: entry.event });
      }
      return shown;
    },
  };
}
