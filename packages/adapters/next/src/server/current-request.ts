// The request a Server Component or Server Action runs for, rebuilt from `headers()` (they get no Request object).
import { LockstepError, type RequestLike } from '@lockstep/core';
import { requestFromHeaders } from '@lockstep/core/adapter';
import { headers } from 'next/headers';
import { PATH_HEADER } from '../instance.js';

/**
 * The current request as the core reads it: the forwarded headers (the cookies the proxy rewrote),
 * and a URL whose path is the one the proxy forwarded (or `fallbackPath` on a page the proxy skips) (only used as the login return-to, which the
 * sign-in validates again: a forged value cannot open a door or an off-site redirect).
 *
 * Fails loudly where Next would render without a request: in a statically rendered route
 * (`force-static`, or prerendered at build time) `headers()` is empty and a session read would
 * silently answer "anonymous" for everyone and be cached. Inside `'use cache'` Next itself throws.
 */
export async function currentRequest(method: string, fallbackPath?: string): Promise<RequestLike> {
  // Not wrapped in try/catch: Next signals dynamic rendering by throwing from headers().
  const incoming = await headers();
  // The proxy's path, else the page's own (for pages the proxy's matcher skips), else the root.
  const request = requestFromHeaders(incoming, method, [incoming.get(PATH_HEADER), fallbackPath]);
  if (request === null) {
    throw new LockstepError(
      'ERR_CONFIG_INVALID',
      'A Lockstep server helper ran without a request (a static or cached render). Pages that read the session must render dynamically: see the caching section of the @lockstep/next README.',
    );
  }
  return request;
}
