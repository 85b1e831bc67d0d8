// The demo's one Lockstep instance: the route table of DESIGN §7, wired to the backend's clock and the event log.
import { createLockstep, type Lockstep, type RouteRule } from '@lockstep/core';
import type { AuthBackend } from './auth-backend.js';
import type { EventLog } from './event-log.js';

/** The demo's routes, first match wins; anything not listed is protected (deny by default). */
export const DEMO_ROUTES: readonly RouteRule[] = [
  // The client bundle (served before React Router) and the router's route-discovery manifest.
  { match: ['/favicon.ico', '/assets/**', '/__manifest'], access: 'ignore' },
  { match: ['/', '/api/health'], access: 'public' },
  // These handlers end or replace the session themselves (sign-out renews an expired token on its own),
  // so the middleware has nothing to refresh there.
  { match: ['/logout', '/auth/callback'], access: 'public', session: false },
  { match: '/api/webhooks/**', access: 'public', session: false },
  { match: ['/login', '/login/magic-link'], access: 'authPage' },
  { match: '/dashboard/**', access: 'protected', verify: 'claims' },
  // Admin pages ask the auth server on every request, so a revoked session is seen at once.
  { match: '/admin/**', access: 'protected', verify: 'user' },
  { match: '/api/**', access: 'protected', verify: 'claims' },
];

/** Creates the instance; a configuration error throws here, at start. */
export function createDemoInstance(backend: AuthBackend, events: EventLog): Lockstep {
  return createLockstep(
    {
      supabaseUrl: backend.supabaseUrl,
      supabaseKey: backend.supabaseKey,
      routes: DEMO_ROUTES,
      afterSignInPath: '/dashboard',
      ...(backend.jwtSecret === undefined ? {} : { jwt: { secret: backend.jwtSecret } }),
      onEvent: events.record,
    },
    { now: backend.now },
  );
}
