// The Node request as the core reads it: an absolute URL from the socket, `Host` and the request target, plus the headers.
import type { RequestLike } from '@lockstep/core';
import type { IncomingMessage } from 'node:http';

/** `host` or `host:port`: a DNS name, an IPv4 address or a bracketed IPv6 address (RFC 9110 §7.2). */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
/** A dot segment in any spelling (`.`, `..`, `%2e`, `.%2E`, …) or a backslash. */
const REWRITTEN_BY_URL = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)|\\/i;

/**
 * The request for the core, or `null` to answer 400. Express and Fastify route on the target as
 * sent, while a WHATWG URL resolves dot segments and reads `\` as `/`: `/admin/../blog/x` would be
 * decided as `/blog/x` yet served by `/admin/*`. Browsers never send either, so such targets are
 * refused, as are absolute-form and asterisk-form targets and a `Host` that is not a host.
 * Express's mounted routers rewrite `req.url`; `originalUrl` is the target as received.
 */
export function toCoreRequest(req: IncomingMessage): RequestLike | null {
  const target = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '';
  const host = req.headers.host ?? 'localhost';
  if (!target.startsWith('/') || !HOST.test(host) || REWRITTEN_BY_URL.test(target.split(/[?#]/, 1)[0] ?? '')) return null;
  const scheme = (req.socket as { encrypted?: boolean } | null)?.encrypted === true ? 'https' : 'http';
  const headers = new Headers();
  // Node joins repeated headers (`Cookie` with `; `); only Set-Cookie stays a list. `:`-names are HTTP/2 pseudo-headers.
  for (const [name, value] of Object.entries(req.headers)) if (!name.startsWith(':')) for (const item of [value ?? []].flat()) headers.append(name, item);
  return { url: `${scheme}://${host}${target}`, method: req.method ?? 'GET', headers };
}
