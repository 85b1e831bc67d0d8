// Merges the cookie plan's headers with the ones the core adds to every response it decides.
import type { CookiePlan } from '../cookies/cookie-write.js';
import type { HeaderEntry } from '../outcome.js';

/**
 * Headers for a response the core renders itself (redirect, 401, 503, 400): the plan's no-store set
 * when cookies are written, and at least `Cache-Control: private, no-store` otherwise, because an
 * auth decision is per user and must never be served from a shared cache.
 */
export function decidedResponseHeaders(plan: CookiePlan, extra: readonly HeaderEntry[] = []): HeaderEntry[] {
  const headers: HeaderEntry[] = [...plan.headers, ...extra];
  if (!headers.some(([name]) => name.toLowerCase() === 'cache-control')) {
    headers.push(['Cache-Control', 'private, no-store']);
  }
  return headers;
}
