// A demo's one Lockstep instance: its route table, wired to the backend's clock and the event log.
import type { Lockstep, RouteRule } from '@lockstep/core';
import { createSupabaseLockstep } from '@lockstep/supabase';
import type { AuthBackend } from './auth-backend.js';
import type { EventLog } from './event-log.js';

/**
 * Creates the instance; a configuration error throws here, at start.
 *
 * @example
 * const lockstep = createDemoInstance(backend, events, DEMO_ROUTES);
 */
export function createDemoInstance(backend: AuthBackend, events: EventLog, routes: readonly RouteRule[]): Lockstep {
  return createSupabaseLockstep(
    {
      supabaseUrl: backend.supabaseUrl,
      supabaseKey: backend.supabaseKey,
      routes,
      afterSignInPath: '/dashboard',
      ...(backend.jwtSecret === undefined ? {} : { jwt: { secret: backend.jwtSecret } }),
      onEvent: events.record,
      // The Lockstep-Debug header on every decided response (ignored under NODE_ENV=production).
      debug: true,
    },
    { now: backend.now },
  );
}
