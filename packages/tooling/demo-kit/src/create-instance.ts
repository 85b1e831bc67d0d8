// A demo's one Lockstep instance: its route table, wired to the backend's clock and the event log.
import { createLockstep, type Lockstep, type RouteRule } from '@lockstep/core';
import { withSupabase } from '@lockstep/supabase';
import type { AuthBackend } from './auth-backend.js';
import { DEMO_REQUIREMENT_PAGES } from './demo-routes.js';
import type { EventLog } from './event-log.js';

/** The demo's instance. */
export interface DemoInstance {
  readonly lockstep: Lockstep;
}

/**
 * Creates the instance; a configuration error throws here, at start.
 *
 * @example
 * const { lockstep } = createDemoInstance(backend, events, DEMO_ROUTES);
 */
export function createDemoInstance(backend: AuthBackend, events: EventLog, routes: readonly RouteRule[]): DemoInstance {
  const options = withSupabase({
    supabaseUrl: backend.supabaseUrl,
    supabaseKey: backend.supabaseKey,
    routes,
    afterSignInPath: '/dashboard',
    // An aal2 route sends a user without a second factor here (enrolment), or with one (step-up).
    ...DEMO_REQUIREMENT_PAGES,
    ...(backend.jwtSecret === undefined ? {} : { jwt: { secret: backend.jwtSecret } }),
    onEvent: events.record,
    // The Lockstep-Debug header on every decided response (ignored under NODE_ENV=production).
    debug: true,
  });
  return { lockstep: createLockstep(options, { now: backend.now }) };
}
