// The request a render runs for, rebuilt from its headers: for code that runs for a request but is handed no Request object.
import type { RequestLike } from '../request/request-record.js';

/** A host name, IPv4 or bracketed IPv6 address, with an optional port: anything else is not put into a URL. */
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The request as the core reads it: these headers (the cookies as the middleware forwarded them),
 * `method`, and a URL on the request's host whose path is the first of `paths` that is a same-origin
 * path (`/` when none is). The URL is only used as a login return-to, which the sign-in validates
 * again: a forged value cannot open a door or an off-site redirect. A `Host` that is no host name
 * becomes `localhost`.
 *
 * The scheme is `http`: it is not in the headers, and `X-Forwarded-Proto` is the client's word
 * unless the app sets `trustProxy`, and then the core reads it from these same headers.
 *
 * `null` when there is no `Host` header: no request is behind the headers (a static render).
 */
export function requestFromHeaders(headers: Headers, method: string, paths: readonly (string | null | undefined)[]): RequestLike | null {
  const host = headers.get('host');
  if (host === null) return null;
  const target = paths.find((path) => path != null && path.startsWith('/') && !path.startsWith('//')) ?? '/';
  return { url: `http://${HOST.test(host) ? host : 'localhost'}${target}`, method, headers };
}
