// Runs a mock on a loopback `node:http` server: free port by default, `stop()` to close.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockAuth, type MockAuth } from './mock-auth.js';
import type { MockAuthOptions } from './options.js';

/** The only address the mock binds to. */
export const LOOPBACK_HOST = '127.0.0.1';

/** A running mock. */
export interface RunningMockAuth extends MockAuth {
  readonly port: number;
  /** Closes the server and every open connection. */
  stop(): Promise<void>;
}

/**
 * Starts a mock on `127.0.0.1` (a free port unless `port` is given).
 *
 * @example
 * const mock = await startMockAuth({ users: [{ email: 'a@example.com', password: 'password1' }] });
 * const supabase = createClient(mock.url, mock.anonKey);
 * await mock.stop();
 */
export async function startMockAuth(options: MockAuthOptions = {}): Promise<RunningMockAuth> {
  let handle: ((request: Request) => Promise<Response>) | null = null;
  const server = createServer((req, res) => {
    if (handle === null) {
      res.writeHead(503).end();
      return;
    }
    void serve(handle, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let mock: MockAuth;
  try {
    mock = await createMockAuth({ ...options, url: `http://${LOOPBACK_HOST}:${port}` });
  } catch (error) {
    server.close();
    throw error;
  }
  handle = mock.handle;
  return Object.freeze({
    ...mock,
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
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else if (value !== undefined) headers.set(name, value);
    }
    const method = req.method ?? 'GET';
    const body = method === 'GET' || method === 'HEAD' || chunks.length === 0 ? null : Buffer.concat(chunks);
    const request = new Request(`http://${LOOPBACK_HOST}${req.url ?? '/'}`, { method, headers, body, signal: abort.signal });
    const response = await handle(request);
    if (response.type === 'error') {
      // The `drop` fault: close the connection without an answer.
      req.socket.destroy();
      return;
    }
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch {
    // A bug in the mock: answer 500 without details rather than hang the client.
    if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
    res.end('{"code":"unexpected_failure","message":"Unexpected failure, please check server logs for more information"}');
  }
}
