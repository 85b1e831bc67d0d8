// Runs the fake on a loopback `node:http` server: a free port by default, `stop()` to close.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockTokenBackend, type MockTokenBackend, type MockTokenBackendOptions } from './mock-token-backend.js';

/** The only address the fake binds to. */
export const LOOPBACK_HOST = '127.0.0.1';

/** A running fake. */
export interface RunningMockTokenBackend extends MockTokenBackend {
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts the fake on `127.0.0.1`; its `url` is the loopback address.
 *
 * @example
 * const backend = await startMockTokenBackend({ users: [{ email: 'ada@example.com', password: 'pw-ada-1' }] });
 * await backend.stop();
 */
export async function startMockTokenBackend(options: Omit<MockTokenBackendOptions, 'url'> & { readonly port?: number } = {}): Promise<RunningMockTokenBackend> {
  let handle: ((request: Request) => Promise<Response>) | null = null;
  const server = createServer((req, res) => {
    if (handle === null) res.writeHead(503).end();
    else void serve(handle, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const backend = await createMockTokenBackend({ ...options, url: `http://${LOOPBACK_HOST}:${port}` });
  handle = backend.handle;
  return Object.freeze({
    ...backend,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  });
}

async function serve(handle: (request: Request) => Promise<Response>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      else if (value !== undefined) headers.set(name, value);
    }
    const method = req.method ?? 'GET';
    const body = method === 'GET' || method === 'HEAD' || chunks.length === 0 ? null : Buffer.concat(chunks);
    const response = await handle(new Request(`http://${LOOPBACK_HOST}${req.url ?? '/'}`, { method, headers, body, signal: abort.signal }));
    if (response.type === 'error') {
      req.socket.destroy();
      return;
    }
    const outgoing: Record<string, string | string[]> = Object.fromEntries(response.headers);
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) outgoing['set-cookie'] = cookies;
    res.writeHead(response.status, outgoing);
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch {
    // A bug in the fake or an aborted delay: answer 500 without details rather than hang the client.
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
    res.end('{"error":"server_error"}');
  }
}
