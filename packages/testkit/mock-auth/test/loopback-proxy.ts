// A small reverse proxy on 127.0.0.1 for tests: forwards `<proxy><prefix>/...` to `<target>/...`, like a
// gateway or a port mapping in front of the mock. It rewrites nothing in the answers.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running proxy; set `target` once the upstream is known. */
export interface LoopbackProxy {
  /** The proxy's own URL, e.g. `http://127.0.0.1:40001`. */
  readonly url: string;
  /** Where requests go (no trailing slash). */
  target: string;
  /** Requests forwarded so far. */
  readonly forwarded: () => number;
  stop(): Promise<void>;
}

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

/** Starts a proxy that strips `prefix` from the path and forwards the rest to `proxy.target`. */
export async function startLoopbackProxy(prefix = ''): Promise<LoopbackProxy> {
  let count = 0;
  const proxy = {
    url: '',
    target: '',
    forwarded: () => count,
    stop: (): Promise<void> => Promise.resolve(),
  };
  const server = createServer((req, res) => void forward(req, res));
  async function forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    if (!path.startsWith(`${prefix}/`)) {
      res.writeHead(404).end();
      return;
    }
    count += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (HOP_BY_HOP.has(name) || value === undefined) continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const method = req.method ?? 'GET';
    const upstream = await fetch(`${proxy.target}${path.slice(prefix.length)}`, {
      method,
      headers,
      body: method === 'GET' || method === 'HEAD' || chunks.length === 0 ? null : Buffer.concat(chunks),
      redirect: 'manual',
    });
    const outgoing: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name) && name !== 'content-encoding') outgoing[name] = value;
    });
    res.writeHead(upstream.status, outgoing);
    res.end(Buffer.from(await upstream.arrayBuffer()));
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.stop = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error === undefined ? resolve() : reject(error)));
      server.closeAllConnections();
    });
  return proxy;
}
