// Renders outcomes onto Web `Response`s: shared by every adapter so none re-implements cookie application.
import type { HeaderEntry, Outcome, RedirectOutcome, RespondOutcome } from '../outcome.js';

const TEXT_BODIES: Record<RespondOutcome['body']['error'], string> = {
  unauthorized: 'Sign-in required.',
  forbidden: 'Access denied.',
  bad_request: 'Bad request.',
  auth_unavailable: 'Sign-in is temporarily unavailable. Please try again in a few seconds.',
};

/**
 * Builds the response for an outcome the core answers itself, with its cookies and headers.
 *
 * @example
 * if (outcome.kind !== 'continue') return toWebResponse(outcome);
 */
export function toWebResponse(outcome: RedirectOutcome | RespondOutcome): Response {
  const headers = new Headers();
  if (outcome.kind === 'redirect') {
    headers.set('Location', outcome.location);
    return finish(new Response(null, { status: outcome.status, headers }), outcome);
  }
  const json = outcome.format === 'json';
  headers.set('Content-Type', json ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8');
  const body = json ? JSON.stringify(outcome.body) : TEXT_BODIES[outcome.body.error];
  return finish(new Response(body, { status: outcome.status, headers }), outcome);
}

/**
 * Applies an outcome's Set-Cookie strings and headers to the response the app produced, whatever
 * it is (a redirect, a 401, a stream). Responses with immutable headers (`Response.redirect()`,
 * a proxied `fetch`) are copied first, keeping status and body.
 *
 * A cookie the app's response sets itself wins over the middleware's write of the same name: the
 * handler ran later and knows more (a sign-out after the middleware refreshed must not be undone
 * by the refreshed cookie arriving after the deletion). A chunked session (`name`, `name.0`,
 * `name.1`, …) is one unit: when the app writes any member of the family, none of the
 * middleware's writes to that family go out, so chunks of two sessions never mix.
 *
 * @example
 * const response = await next();
 * return applyOutcomeToResponse(response, outcome);
 */
export function applyOutcomeToResponse(response: Response, outcome: Outcome): Response {
  if (outcome.cookies.setCookie.length === 0 && outcome.headers.length === 0) return response;
  return finish(response, outcome, namesSetBy(response));
}

function finish(response: Response, outcome: Outcome, appCookies: ReadonlySet<string> = new Set()): Response {
  const target = hasMutableHeaders(response) ? response : copyResponse(response);
  const { writes, setCookie } = outcome.cookies;
  setCookie.forEach((cookie, index) => {
    const name = writes[index]?.name;
    if (name === undefined || !appCookies.has(cookieFamily(name))) target.headers.append('Set-Cookie', cookie);
  });
  setHeaders(target.headers, outcome.headers);
  return target;
}

/** Cookie families a response already sets (each Set-Cookie's name before `=`, chunk suffix dropped). */
function namesSetBy(response: Response): ReadonlySet<string> {
  return new Set(response.headers.getSetCookie().map((line) => cookieFamily(line.slice(0, Math.max(0, line.indexOf('='))).trim())));
}

/** The chunk family of a cookie name: `sb-x-auth-token.2` and `sb-x-auth-token` are one session. */
function cookieFamily(name: string): string {
  return name.replace(/\.\d{1,3}$/, '');
}

/** `Vary` is merged (the app's own values stay); any other header the core sets replaces the app's. */
export function setHeaders(headers: Headers, entries: readonly HeaderEntry[]): void {
  for (const [name, value] of entries) {
    if (name.toLowerCase() === 'vary') {
      const current = headers.get('vary');
      const present = (current ?? '').split(',').map((token) => token.trim().toLowerCase());
      if (!present.includes(value.toLowerCase()) && !present.includes('*')) {
        headers.set('Vary', current === null || current === '' ? value : `${current}, ${value}`);
      }
    } else {
      headers.set(name, value);
    }
  }
}

function hasMutableHeaders(response: Response): boolean {
  // Probing is the only portable test: `Headers` exposes no guard; a no-op write throws on immutable ones.
  try {
    response.headers.append('X-Lockstep-Probe', '1');
    response.headers.delete('X-Lockstep-Probe');
    return true;
  } catch {
    return false;
  }
}

function copyResponse(response: Response): Response {
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: new Headers(response.headers),
  });
}
