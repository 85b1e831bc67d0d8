// Serves a Web-standard handler on a loopback `node:http` server (a free port by default); shared by the test kit's fakes.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The only address the servers bind to. */
export const LOOPBACK_HOST = '127.0.0.1';

/** What a loopback server adds to the fake it serves. */
export interface LoopbackServer {
  readonly port: number;
  /** Closes the server and every open connection. */
  stop(): Promise<void>;
}

/** How the server answers when the handler itself throws (a bug in the fake). */
export interface LoopbackServerOptions {
  readonly port?: number;
  /** JSON body of the 500 answer to a throwing handler. @default '{"error":"server_error"}' */
  readonly failureBody?: string;
}

/**
 * Listens on `127.0.0.1`, then builds the fake with its final URL (`http://127.0.0.1:<port>`) and
 * serves its `handle`. A handler answering `Response.error()` drops the connection (the `drop`
 * fault); several `Set-Cookie` headers stay separate.
 *
 * @example
 * const running = await startLoopbackServer((url) => createMockAuth({ url }));
 * await running.stop();
 */
export async function startLoopbackServer<T extends { handle(request: Request): Promise<Response> }>(
  create: (url: string) => Promise<T>,
  options: LoopbackServerOptions = {},
): Promise<T & LoopbackServer> {
  let handle: ((request: Request) => Promise<Response>) | null = null;
  const failureBody = options.failureBody ?? '{"error":"server_error"}';
  const server = createServer((req, res) => {
    if (handle === null) res.writeHead(503).end();
    else void serve(handle, req, res, failureBody);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let fake: T;
  try {
    fake = await create(`http://${LOOPBACK_HOST}:${port}`);
  } catch (error) {
    server.close();
    throw error;
  }
  handle = (request) => fake.handle(request);
  const stop = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error === undefined ? resolve() : reject(error)));
      server.closeAllConnections();
    });
  return Object.freeze({ ...fake, port, stop });
}

async function serve(handle: (request: Request) => Promise<Response>, req: IncomingMessage, res: ServerResponse, failureBody: string): Promise<void> {
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
      // The `drop` fault: close the connection without an answer.
      req.socket.destroy();
      return;
    }
    const outgoing: Record<string, string | string[]> = Object.fromEntries(response.headers);
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) outgoing['set-cookie'] = cookies;
    res.writeHead(response.status, outgoing);
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch {
    // A bug in the fake (or an aborted delay): answer 500 without details rather than hang the client.
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
    res.end(failureBody);
  }
}
