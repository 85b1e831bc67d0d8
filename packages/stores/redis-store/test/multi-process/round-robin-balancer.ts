// A loopback HTTP balancer that hands each request to the next backend in turn, like a load balancer in front of app processes.
import { createServer, request as forward } from 'node:http';

export interface RoundRobinBalancer {
  readonly url: string;
  /** Takes a backend out of rotation (a failed health check). */
  remove(port: number): void;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (a port the OS picks); a backend that fails mid-request yields a 502. */
export async function startRoundRobinBalancer(ports: readonly number[]): Promise<RoundRobinBalancer> {
  let backends = [...ports];
  let next = 0;
  const server = createServer((req, res) => {
    const port = backends[next++ % backends.length];
    if (port === undefined) return void res.writeHead(503).end();
    const upstream = forward({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' }).end('{"error":"backend unavailable"}');
      else res.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    remove(removed) {
      backends = backends.filter((candidate) => candidate !== removed);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
