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
  const path = target.split(/[?#]/, 1)[0] ?? '';
  if (!target.startsWith('/') || !HOST.test(host) || REWRITTEN_BY_URL.test(path)) return null;
  const scheme = (req.socket as { encrypted?: boolean } | null)?.encrypted === true ? 'https' : 'http';
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith(':')) continue; // HTTP/2 pseudo-headers
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
  }
  return { url: `${scheme}://${host}${target}`, method: req.method ?? 'GET', headers };
}

/**
 * Handlers that read `req.headers.cookie` (cookie-parser, a `@supabase/ssr` client) must see the
 * session the middleware just refreshed or cleared, in this same request.
 */
export function forwardCookie(req: IncomingMessage, cookieHeader: string): void {
  if (cookieHeader === '') delete req.headers.cookie;
  else req.headers.cookie = cookieHeader;
  const raw: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]?.toLowerCase() !== 'cookie') raw.push(req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '');
  }
  if (cookieHeader !== '') raw.push('Cookie', cookieHeader);
  req.rawHeaders.splice(0, req.rawHeaders.length, ...raw);
}
