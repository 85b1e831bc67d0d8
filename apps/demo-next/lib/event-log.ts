// The last Lockstep events of this server process, for the session panel: demo-kit's event log. The proxy
// and the server helpers are separate Lockstep instances in separate bundles of the same `next start`
// process, so the one log lives on `globalThis` (under a registry symbol) where both reach it.
import { createEventLog, type EventLog } from '@lockstep/demo-kit/events';
import { demoNow } from './clock-file';

export type { LoggedEvent } from '@lockstep/demo-kit/events';

const CAPACITY = 200;
const KEY = Symbol.for('@lockstep/demo-next/event-log');
const holder = globalThis as { [KEY]?: EventLog };

/**
 * The process's log, on the demo clock: `record` is both instances' `onEvent` hook, `recentFor`
 * what the panel shows. Events carry no token or cookie value (DESIGN §3.8), so showing them is safe.
 */
export const demoEvents: EventLog = (holder[KEY] ??= createEventLog(CAPACITY, demoNow()));
