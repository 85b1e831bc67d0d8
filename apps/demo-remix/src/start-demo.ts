// Starts the whole demo: the auth backend (embedded mock unless configured), the built React Router app, and the HTTP server.
import { launchDemo, refuseConnect, refuseTarget, requestUrl, type DemoDeps, type DemoOptions, type RunningDemo } from '@lockstep/demo-kit';
import { createRequestHandler, RouterContextProvider, type RouterContext, type ServerBuild } from 'react-router';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEMO_ROUTES } from './demo-routes.js';
import { serveStatic } from './static-files.js';

const BUILD = fileURLToPath(new URL('../dist/server/index.js', import.meta.url));
const CLIENT = fileURLToPath(new URL('../dist/client', import.meta.url));

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
  return launchDemo(options, DEMO_ROUTES, (deps, _backend, port, host) => {
    const handle = createRequestHandler(build, 'production');
    const app = async (request: Request): Promise<Response> =>
      (await serveStatic(CLIENT, request)) ?? handle(request, new RouterContextProvider(new Map([[key, deps]])));
    return listen(app, port, host);
  });
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
    refuseConnect(server);
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/**
 * Node request → Web Request → app → Node response; Set-Cookie lines stay separate. The URL is
 * built from the Host header and the origin-form target: an absolute form's host is ignored,
 * `*`, an authority form or a Host that is not a host get 400 (never a 500 from an invalid URL).
 */
async function toResponse(app: (request: Request) => Promise<Response>, req: IncomingMessage, res: ServerResponse, host: string): Promise<void> {
  const url = requestUrl(req, host);
  if (url === null) {
    refuseTarget(res);
    return;
  }
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const request = new Request(url, {
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
