// Assembles the demo's Hono app: the Lockstep middleware on every path, then the route modules.
import { lockstep } from '@lockstep/hono';
import { Hono } from 'hono';
import type { DemoDeps, DemoEnv } from './demo-env.js';
import { apiRoutes } from './routes/api-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { magicLinkRoutes } from './routes/magic-link-routes.js';
import { pageRoutes } from './routes/page-routes.js';
import { securityRoutes } from './routes/security-routes.js';

/**
 * Builds the app. The route table inside the Lockstep instance, not the mount paths, decides what
 * is protected; the handlers' `requireUser()` guards are the second line.
 *
 * @example
 * serve({ fetch: createDemoApp(deps).fetch, port: 3000 });
 */
export function createDemoApp(deps: DemoDeps): Hono<DemoEnv> {
  const app = new Hono<DemoEnv>();
  app.use('*', lockstep(deps.lockstep));
  app.route('/', authRoutes(deps));
  app.route('/', magicLinkRoutes(deps));
  app.route('/', pageRoutes(deps));
  app.route('/', securityRoutes(deps));
  app.route('/', apiRoutes(deps));
  app.notFound((c) => (c.req.path.startsWith('/api/') ? c.json({ error: 'not_found' }, 404) : c.text('Not found', 404)));
  return app;
}
