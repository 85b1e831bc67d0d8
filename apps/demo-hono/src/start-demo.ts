// Starts the whole demo: the auth backend (embedded mock unless configured), the app, and the HTTP server.
import { serve } from '@hono/node-server';
import type { RunningMockAuth } from '@lockstep/mock-auth';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDemoApp } from './app.js';
import { startAuthBackend } from './auth-backend.js';
import { createDemoInstance } from './create-instance.js';
import { DEMO_DEFAULTS, type DemoOptions } from './demo-options.js';
import { createEventLog } from './event-log.js';

const EVENT_LOG_CAPACITY = 200;

/** A running demo. */
export interface RunningDemo {
  /** Where the app listens, e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  /** The embedded mock auth server (with its test controls), when no Supabase project is configured. */
  readonly mock?: RunningMockAuth;
  /** The seeded user's credentials, in mock mode. */
  readonly demoUser?: { readonly email: string; readonly password: string };
  /** Stops the HTTP server, then the mock. */
  close(): Promise<void>;
}

/**
 * Starts the demo. With no `supabase` target it starts the embedded mock with a seeded user, and the
 * app's clock follows the mock's clock, so `mock.controls.clock.advance()` moves time for both.
 *
 * @example
 * const demo = await startDemo({ port: 0, mock: { tokenLifetimeSeconds: 30 } });
 * console.log(demo.url, demo.demoUser);
 * await demo.close();
 */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const backend = await startAuthBackend(options);
  try {
    const events = createEventLog(EVENT_LOG_CAPACITY, backend.now);
    const lockstep = createDemoInstance(backend, events);
    const { mock, demoUser } = backend;
    const app = createDemoApp({
      lockstep,
      events,
      now: backend.now,
      ...(demoUser === undefined ? {} : { demoUser }),
      ...(mock === undefined ? {} : { latestMagicLink: (email: string) => mock.controls.latestOtp(email)?.actionLink ?? null }),
    });
    const host = options.host ?? DEMO_DEFAULTS.host;
    const server = await listen(app.fetch, options.port ?? DEMO_DEFAULTS.port, host);
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      ...(backend.mock === undefined ? {} : { mock: backend.mock }),
      ...(backend.demoUser === undefined ? {} : { demoUser: backend.demoUser }),
      async close() {
        await closeServer(server);
        await backend.close();
      },
    };
  } catch (error) {
    await backend.close();
    throw error;
  }
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

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    // Keep-alive connections from a browser would otherwise hold close() open.
    server.closeAllConnections();
  });
}
