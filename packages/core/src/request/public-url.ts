// The URL the browser used, which differs from the one the app sees when TLS ends at a proxy.
import type { RequestRecord } from './request-record.js';

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The request's public origin. Without `trustProxy` it is the request URL's own: `X-Forwarded-*`
 * headers are whatever the client sent. With it, the first `X-Forwarded-Proto` (`http`/`https`)
 * and `X-Forwarded-Host` (a valid host) values replace the scheme and host — only turn it on behind
 * a proxy that sets both and drops the client's.
 *
 * @example
 * publicOrigin(request, true); // → 'https://app.example.com' behind a TLS-terminating proxy
 */
export function publicOrigin(request: RequestRecord, trustProxy: boolean): URL {
  if (!trustProxy) return request.url;
  const proto = firstValue(request.headers.get('x-forwarded-proto'))?.toLowerCase();
  const host = firstValue(request.headers.get('x-forwarded-host'));
  const scheme = proto === 'http' || proto === 'https' ? `${proto}:` : request.url.protocol;
  const authority = host !== undefined && HOST.test(host) ? host : request.url.host;
  return new URL(`${scheme}//${authority}${request.url.pathname}${request.url.search}`);
}

function firstValue(header: string | null): string | undefined {
  const value = header?.split(',')[0]?.trim();
  return value === '' ? undefined : value;
}
