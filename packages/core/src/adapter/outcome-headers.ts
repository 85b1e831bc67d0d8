// An outcome's cookies and headers as a `Headers` object, for frameworks whose results carry headers apart from a Response.
import type { Outcome } from '../outcome.js';
import { applyOutcomeToResponse } from '../response/web-response.js';

/** The Set-Cookie lines and headers of an outcome (empty when there is nothing to write). */
export function outcomeHeaders(outcome: Outcome): Headers {
  const headers = new Headers();
  for (const [name, value] of outcome.headers) headers.append(name, value);
  for (const line of outcome.cookies.setCookie) headers.append('Set-Cookie', line);
  return headers;
}

/**
 * The app's own headers (a `data(value, { headers })` init, a handler's header bag) with the
 * outcome's added by the rules of `applyOutcomeToResponse`: a cookie the app sets itself wins over
 * the outcome's write of the same name (chunk family included), `Vary` is merged, and any other
 * header of the outcome replaces the app's.
 *
 * @example
 * return data(value, { ...init, headers: mergeOutcomeHeaders(init.headers, outcome) });
 */
export function mergeOutcomeHeaders(own: HeadersInit | null | undefined, outcome: Outcome): Headers {
  return applyOutcomeToResponse(new Response(null, { headers: own ?? undefined }), outcome).headers;
}
