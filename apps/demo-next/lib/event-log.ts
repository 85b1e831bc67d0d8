// The last Lockstep events of this server process, for the session panel. The proxy and the server
// helpers are separate Lockstep instances in separate bundles of the same `next start` process, so
// the log lives on `globalThis` (under a registry symbol) where both reach it.
import type { LockstepEvent } from '@lockstep/core';

/** One recorded event and when (Unix seconds, on the demo's clock) it happened. */
export interface LoggedEvent {
  readonly at: number;
  readonly event: LockstepEvent;
}

const CAPACITY = 200;
/** `session.verified` fires on every request: the panel is about refreshes and sign-ins. */
const NOISE: ReadonlySet<LockstepEvent['type']> = new Set(['session.verified']);
/** Route events describe some request's path, not a session: kept out of a user's panel. */
const ROUTE_EVENTS: ReadonlySet<LockstepEvent['type']> = new Set(['route.denied', 'route.malformed']);

const KEY = Symbol.for('@lockstep/demo-next/event-log');
const holder = globalThis as { [KEY]?: LoggedEvent[] };
const entries: LoggedEvent[] = (holder[KEY] ??= []);

/**
 * The `onEvent` hook factory: records on the given clock. Events carry no token or cookie value
 * (DESIGN §3.8), so showing them is safe.
 */
export function eventRecorder(now: () => number): (event: LockstepEvent) => void {
  return (event) => {
    if (NOISE.has(event.type)) return;
    entries.unshift({ at: now(), event });
    entries.length = Math.min(entries.length, CAPACITY);
  };
}

/** Session events of `userId` (and user-less ones such as sign-outs and outages), newest first. */
export function recentEventsFor(userId: string, limit: number): readonly LoggedEvent[] {
  const concerns = (event: LockstepEvent): boolean => ('userId' in event ? event.userId === userId : !ROUTE_EVENTS.has(event.type));
  return entries.filter(({ event }) => concerns(event)).slice(0, limit);
}
