// A fixture app behind a real HTTP server: the suite's requests go over a loopback socket with their path as sent.
import { Agent, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningApp } from './harness.js';

/**
 * Starts `server` (a `node:http` server whose request listener is the app) on 127.0.0.1, port 0,
 * and returns the `RunningApp` that talks to it over HTTP; `close()` ends open connections too.
 *
 * @example
 * start: (context) => listenOnLoopback(createServer(createMyApp(context.lockstepOptions, context.effects)))
 */
export async function listenOnLoopback(server: Server): Promise<RunningApp> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return overHttp(`http://127.0.0.1:${port}`, async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
}

/**
 * The `RunningApp` of an app already listening at `origin` (e.g. after `fastify.listen()`):
 * `fetch` sends the request over HTTP with its path as given (`//dashboard` stays as it is),
 * returns redirects instead of following them, and keeps each `Set-Cookie` apart.
 */
export function overHttp(origin: string, close: () => Promise<void>): RunningApp {
  const { hostname, port } = new URL(origin);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  return {
    origin,
    fetch: async (request) => {
      const url = new URL(request.url);
      const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      if (body !== undefined) headers['content-length'] = String(body.length);
      return new Promise<Response>((resolve, reject) => {
        const outgoing = httpRequest({ host: hostname, port, method: request.method, path: url.pathname + url.search, headers, agent }, (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            const responseHeaders = new Headers();
            for (const [name, value] of Object.entries(incoming.headers)) {
              for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, item);
            }
            const status = incoming.statusCode ?? 500;
            const nullBody = status === 204 || status === 304 || request.method === 'HEAD';
            resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
          });
        });
        outgoing.on('error', reject);
        outgoing.end(body);
      });
    },
    async close() {
      agent.destroy();
      await close();
    },
  };
}
