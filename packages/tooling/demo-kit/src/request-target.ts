// What a demo's Node server does with each RFC 9112 request-target form before the app sees the request.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** `host` or `host:port`: a DNS name, an IPv4 address or a bracketed IPv6 address (RFC 9110 §7.2). */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The origin-form target (path and query) to serve, or `null` to answer 400 (RFC 9112 §3.2):
 * - origin form (`/path?q`): served as it is (`//x` stays a path);
 * - absolute form (`http://other.example/path`): only its path and query are served, on this
 *   server's own origin. Browsers never send it to an origin server; a forward-proxy-style client
 *   or a misconfigured reverse proxy does, and its host must never become the origin the app
 *   builds redirects or links from;
 * - asterisk form (`*`, `OPTIONS *`) and authority form (`host:port`, CONNECT's): 400, a demo app
 *   serves neither server-wide OPTIONS nor tunnels.
 */
export function originFormTarget(target: string): string | null {
  if (target.startsWith('/')) return target;
  if (!/^https?:\/\//i.test(target)) return null;
  try {
    const url = new URL(target);
    return url.pathname + url.search;
  } catch {
    return null;
  }
}

/**
 * The URL a Web `Request` gets for a Node request: this server's scheme, the `Host` header (or
 * `fallbackHost` when absent) and the origin-form target; `null` to answer 400 (an unusable
 * target, or a `Host` that is not a host, such as `a@b` or `a/b`, which a URL parser would
 * turn into another origin or throw on).
 */
export function requestUrl(req: Pick<IncomingMessage, 'url' | 'headers'>, fallbackHost: string): string | null {
  const target = originFormTarget(req.url ?? '');
  const host = req.headers.host ?? fallbackHost;
  if (target === null || !HOST.test(host)) return null;
  return `http://${host}${target}`;
}

/** Answers 400 with a short text body and closes the connection. */
export function refuseTarget(res: ServerResponse): void {
  res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' });
  res.end('Bad request target');
}

/**
 * Node emits CONNECT (authority form) as a `connect` event and, with no listener, drops the
 * connection without an answer: answer 400 instead, like every other unusable target.
 */
export function refuseConnect(server: Server): void {
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 18\r\nConnection: close\r\n\r\nBad request target');
  });
}
