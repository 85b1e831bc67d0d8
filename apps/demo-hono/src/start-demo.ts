// Starts the whole demo: the auth backend (embedded mock unless configured), the app, and the HTTP server.
import { serve } from '@hono/node-server';
import { launchDemo, type DemoOptions, type RunningDemo } from '@lockstep/demo-kit';
import type { Server } from 'node:http';
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

function listen(fetch: (request: Request) => Response | Promise<Response>, port: number, hostname: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    // @hono/node-server serves HTTP/1 unless told otherwise, so this is a node:http Server.
    const server = serve({ fetch, port, hostname }) as Server;
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
