// Starts the whole demo: the auth backend (embedded mock unless configured), the built React Router app, and the HTTP server.
import type { RunningMockAuth } from '@lockstep/mock-auth';
import { createRequestHandler, RouterContextProvider, type RouterContext, type ServerBuild } from 'react-router';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DemoDeps } from '../app/demo-context.js';
import { startAuthBackend } from './auth-backend.js';
import { createDemoInstance } from './create-instance.js';
import { DEMO_DEFAULTS, type DemoOptions } from './demo-options.js';
import { createEventLog } from './event-log.js';
import { serveStatic } from './static-files.js';

const EVENT_LOG_CAPACITY = 200;
const BUILD = fileURLToPath(new URL('../dist/server/index.js', import.meta.url));
const CLIENT = fileURLToPath(new URL('../dist/client', import.meta.url));

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
 * Starts the demo from the app `react-router build` wrote to dist/. With no `supabase` target it
 * starts the embedded mock with a seeded user, and the app's clock follows the mock's clock, so
 * `mock.controls.clock.advance()` moves time for both.
 *
 * @example
 * const demo = await startDemo({ port: 0, mock: { tokenLifetimeSeconds: 30 } });
 * console.log(demo.url, demo.demoUser);
 * await demo.close();
 */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  if (!existsSync(BUILD)) throw new Error('dist/server/index.js is missing: run `pnpm --filter @lockstep/demo-remix build:app` (the start script does) first.');
  const build = (await import(pathToFileURL(BUILD).href)) as ServerBuild;
  // The context key comes from the build (entry.server re-exports it): the routes read the same object.
  const key = (build.entry.module as { demoContext?: RouterContext<DemoDeps> }).demoContext;
  if (key === undefined) throw new Error('the app build does not export demoContext from entry.server');
  const backend = await startAuthBackend(options);
  try {
    const events = createEventLog(EVENT_LOG_CAPACITY, backend.now);
    const deps: DemoDeps = {
      lockstep: createDemoInstance(backend, events),
      events,
      now: backend.now,
      ...(backend.demoUser === undefined ? {} : { demoUser: backend.demoUser }),
    };
    const handle = createRequestHandler(build, 'production');
    const app = async (request: Request): Promise<Response> =>
      (await serveStatic(CLIENT, request)) ?? handle(request, new RouterContextProvider(new Map([[key, deps]])));
    const host = options.host ?? DEMO_DEFAULTS.host;
    const server = await listen(app, options.port ?? DEMO_DEFAULTS.port, host);
    const { port } = server.address() as AddressInfo;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    return {
      url,
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

function listen(app: (request: Request) => Promise<Response>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      toResponse(app, req, res, host).catch((error: unknown) => {
        console.error(error);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end('Internal error');
      });
    });
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/** Node request → Web Request → app → Node response; Set-Cookie lines stay separate. */
async function toResponse(app: (request: Request) => Promise<Response>, req: IncomingMessage, res: ServerResponse, host: string): Promise<void> {
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const request = new Request(`http://${req.headers.host ?? host}${req.url ?? '/'}`, {
    method,
    headers,
    signal: controller.signal,
    ...(hasBody ? { body: req as unknown as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
  const response = await app(request);
  const out: [string, string][] = [];
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') out.push([name, value]);
  });
  for (const line of response.headers.getSetCookie()) out.push(['set-cookie', line]);
  res.writeHead(response.status, out.flat());
  if (response.body === null) {
    res.end();
    return;
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  res.end();
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    // Keep-alive connections from a browser would otherwise hold close() open.
    server.closeAllConnections();
  });
}
