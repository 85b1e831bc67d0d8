// Starts the whole demo: the auth backend (embedded mock unless configured), the app, and the HTTP server.
import { getRequestListener } from '@hono/node-server';
import { launchDemo, originFormTarget, refuseConnect, refuseTarget, type DemoOptions, type RunningDemo } from '@lockstep/demo-kit';
import { createServer, type Server } from 'node:http';
import { createDemoApp } from './app.js';
import { DEMO_ROUTES } from './demo-routes.js';

/**
 * Starts the demo. With no `supabase` target it starts the embedded mock with a seeded user, and the
 * app's clock follows the mock's clock, so `mock.controls.clock.advance()` moves time for both.
 *
 * @example
 * const demo = await startDemo({ port: 0, mock: { tokenLifetimeSeconds: 30 } });
 * console.log(demo.url, demo.demoUser);
 * await demo.close();
 */
export function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  return launchDemo(options, DEMO_ROUTES, (deps, { mock }, port, host) => {
    const app = createDemoApp({
      ...deps,
      ...(mock === undefined ? {} : { latestMagicLink: (email: string) => mock.controls.latestOtp(email)?.actionLink ?? null }),
    });
    return listen(app.fetch, port, host);
  });
}

/**
 * Serves the app over HTTP/1. Every request target becomes origin form first (an absolute form's
 * host is ignored, `*` and CONNECT's authority form get 400): `@hono/node-server` would otherwise
 * take the host of `GET http://other.example/x` as the request's origin.
 */
function listen(fetch: (request: Request) => Response | Promise<Response>, port: number, hostname: string): Promise<Server> {
  const listener = getRequestListener(fetch, { hostname });
  return new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      const target = originFormTarget(req.url ?? '');
      if (target === null) return refuseTarget(res);
      req.url = target;
      void listener(req, res);
    });
    refuseConnect(server);
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
