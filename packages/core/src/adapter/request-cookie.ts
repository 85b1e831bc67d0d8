// The `Cookie` header code after the middleware must see (DESIGN §3.7): the refreshed session, never the spent token.
import type { ContinueOutcome } from '../outcome.js';
import { downstreamChanges, withChanges } from './downstream-headers.js';

/**
 * The `Cookie` header downstream code must see, or `null` when the core wrote no cookie. Then the
 * browser's own header goes on byte for byte: a rebuilt one would re-encode other cookies' values
 * and drop repeated names the app may rely on.
 */
export function downstreamCookie(outcome: ContinueOutcome): string | null {
  return outcome.cookies.writes.length > 0 ? outcome.requestCookieHeader : null;
}

/**
 * Sets the `Cookie` header in place (an empty value removes it). Returns `false`, changing nothing,
 * when the headers are immutable (a runtime's guarded request headers): the caller then hands the
 * session on another way (a context, a copied request).
 */
export function setRequestCookie(headers: Headers, cookieHeader: string): boolean {
  try {
    if (cookieHeader === '') headers.delete('cookie');
    else headers.set('cookie', cookieHeader);
    return true;
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  }
}

/** A copy of `headers` with the `Cookie` header replaced (`null`: an unchanged copy). */
export function withRequestCookie(headers: HeadersInit, cookieHeader: string | null): Headers {
  const copy = new Headers(headers);
  if (cookieHeader !== null) setRequestCookie(copy, cookieHeader);
  return copy;
}

/**
 * The request the app's handlers get after a `continue`: the same object when nothing changes, else
 * a copy whose `Cookie` header carries the new session and whose `lockstep-request-id` is the
 * outcome's (see `downstreamChanges`).
 *
 * @example
 * return applyOutcomeToResponse(await next(forwardedRequest(request, outcome)), outcome);
 */
export function forwardedRequest(request: Request, outcome: ContinueOutcome): Request {
  const changes = downstreamChanges(request.headers, outcome);
  return changes.length === 0 ? request : new Request(request, { headers: withChanges(request.headers, changes) });
}
