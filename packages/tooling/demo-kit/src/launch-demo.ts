// Starts a demo around its HTTP server: the auth backend, the event log and the Lockstep instance first, the server last.
import type { Lockstep, RouteRule } from '@lockstep/core';
import type { RunningMockAuth } from '@lockstep/mock-auth';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startAuthBackend, type AuthBackend, type Clock, type DemoUser } from './auth-backend.js';
import { createDemoInstance } from './create-instance.js';
import { totpFactors, type TotpFactors } from './totp-factors.js';
import { DEMO_DEFAULTS, type DemoOptions } from './demo-options.js';
import { createEventLog, type EventLog } from './event-log.js';

const EVENT_LOG_CAPACITY = 200;

/** What every demo app gets at start, whatever its framework. */
export interface DemoDeps {
  readonly lockstep: Lockstep;
  /** The Supabase project the demo runs on (URL and publishable key), for flows Lockstep does not start (magic links). */
  readonly project: { readonly url: string; readonly key: string };
  readonly events: EventLog;
  /** Unix seconds on the demo's clock (the mock's, in mock mode). */
  readonly now: Clock;
  /** The seeded user in mock mode, shown on the login page. */
  readonly demoUser?: DemoUser;
  /** The seeded user with the `admin` role, in mock mode. */
  readonly adminUser?: DemoUser;
  /** The signed-in user's TOTP factors at the auth server (enrol, challenge and verify). */
  readonly totp: TotpFactors;
}

/** Starts the app's HTTP server on `port` (`0`: a free one) and `host`; settles once it listens. */
export type DemoListen = (deps: DemoDeps, backend: AuthBackend, port: number, host: string) => Promise<Server>;

/** A running demo. */
export interface RunningDemo {
  /** Where the app listens, e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  /** The embedded mock auth server (with its test controls), when no Supabase project is configured. */
  readonly mock?: RunningMockAuth;
  /** The seeded user's credentials, in mock mode. */
  readonly demoUser?: DemoUser;
  /** The seeded user with the `admin` role (same password), in mock mode. */
  readonly adminUser?: DemoUser;
  /** Stops the HTTP server, then the mock. */
  close(): Promise<void>;
}

/**
 * Starts the auth backend (the embedded mock with a seeded user unless `options.supabase` is set),
 * a Lockstep instance on `routes` whose clock follows the backend's (so the mock's
 * `controls.clock.advance()` moves time for the app too), then the app through `listen`. When
 * anything after the backend fails, the backend is stopped before the error is rethrown.
 *
 * @example
 * const demo = await launchDemo(options, DEMO_ROUTES, (deps, _backend, port, host) => listen(createApp(deps), port, host));
 */
export async function launchDemo(options: DemoOptions, routes: readonly RouteRule[], listen: DemoListen): Promise<RunningDemo> {
  const backend = await startAuthBackend(options);
  try {
    const events = createEventLog(EVENT_LOG_CAPACITY, backend.now);
    const { lockstep } = createDemoInstance(backend, events, routes);
    const deps: DemoDeps = {
      lockstep,
      totp: totpFactors({ url: backend.supabaseUrl, key: backend.supabaseKey }),
      project: { url: backend.supabaseUrl, key: backend.supabaseKey },
      events,
      now: backend.now,
      ...(backend.demoUser === undefined ? {} : { demoUser: backend.demoUser }),
      ...(backend.adminUser === undefined ? {} : { adminUser: backend.adminUser }),
    };
    const host = options.host ?? DEMO_DEFAULTS.host;
    const server = await listen(deps, backend, options.port ?? DEMO_DEFAULTS.port, host);
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      ...(backend.mock === undefined ? {} : { mock: backend.mock }),
      ...(backend.demoUser === undefined ? {} : { demoUser: backend.demoUser }),
      ...(backend.adminUser === undefined ? {} : { adminUser: backend.adminUser }),
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

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    // Keep-alive connections from a browser would otherwise hold close() open.
    server.closeAllConnections();
  });
}
