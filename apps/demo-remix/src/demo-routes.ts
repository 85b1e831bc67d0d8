// The demo's route table (DESIGN §7): its static paths, then the table the demos share.
import type { RouteRule } from '@lockstep/core';
import { DEMO_APP_ROUTES } from '@lockstep/demo-kit';

/** The demo's routes, first match wins; anything not listed is protected (deny by default). */
export const DEMO_ROUTES: readonly RouteRule[] = [
  // The client bundle (served before React Router) and the router's route-discovery manifest.
  { match: ['/favicon.ico', '/assets/**', '/__manifest'], access: 'ignore' },
  ...DEMO_APP_ROUTES,
];
