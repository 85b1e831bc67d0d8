// The demo's route table (DESIGN §7): its one static path, then the table the demos share.
import type { RouteRule } from '@lockstep/core';
import { DEMO_APP_ROUTES } from '@lockstep/demo-kit';

/** The demo's routes, first match wins; anything not listed is protected (deny by default). */
export const DEMO_ROUTES: readonly RouteRule[] = [{ match: '/favicon.ico', access: 'ignore' }, ...DEMO_APP_ROUTES];
