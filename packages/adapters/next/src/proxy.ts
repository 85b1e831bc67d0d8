// The Next.js proxy (Next 16 `proxy.ts`) / middleware (Next 15 `middleware.ts`): one core call, the outcome translated.
import { applyOutcomeToResponse, toWebResponse, type LockstepEffects, type Outcome, type RequestKindHint } from '@lockstep/core';
import { downstreamChanges, unhandledOutcome, withChanges } from '@lockstep/core/adapter';
import { NextResponse, type NextRequest } from 'next/server';
import { instanceFrom, PATH_HEADER, type LockstepSource } from './instance.js';

/** The proxy function: the default export of `proxy.ts` (Next 16) or `middleware.ts` (Next 15). */
export type LockstepProxy = (request: NextRequest) => Promise<Response>;

/** Tells Next's client router not to keep a middleware response (Pages Router data prefetches). */
const MIDDLEWARE_NO_CACHE: readonly [string, string] = ['x-middleware-cache', 'no-cache'];

/** A Server Action is a POST with a `Next-Action` header; any other method with it is a plain request. */
const ACTION_HINT: RequestKindHint = { kind: 'action' };

/**
 * Creates the proxy. Build it once at module level: the instance holds the caches that make
 * concurrent refreshes single-flight. The route table in the options decides what is protected
 * (deny by default); the `config.matcher` in your file only decides what Next sends through it.
 *
 * Edge-safe (Web APIs only), so the same file works as Next 15's Edge `middleware.ts`.
 *
 * @example
 * // proxy.ts (Next 16) or middleware.ts (Next 15)
 * import { lockstepProxy } from '@lockstep/next';
 * export default lockstepProxy({ supabaseUrl: process.env.SUPABASE_URL!, supabaseKey: process.env.SUPABASE_ANON_KEY! });
 * export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt|sitemap.xml).*)'] };
 */
export function lockstepProxy(source: LockstepSource, effects?: LockstepEffects): LockstepProxy {
  const instance = instanceFrom(source, effects);
  return async function proxy(request) {
    // The proxy never sees `rsc`/`next-router-prefetch` (stripped by Next); `next-action` it does (see the README's "What the proxy does with Next's internal requests").
    const hint = request.method === 'POST' && request.headers.has('next-action') ? ACTION_HINT : undefined;
    const outcome = await instance().handle(request, hint);
    switch (outcome.kind) {
      case 'continue':
        return forward(request, outcome);
      case 'redirect': {
        if (hint === ACTION_HINT) return noCache(actionRedirect(outcome));
        const response = toWebResponse(outcome);
        // Next parses a proxy's Location without a base; it relativizes same-host targets again itself.
        response.headers.set('Location', new URL(outcome.location, request.url).toString());
        return noCache(response);
      }
      case 'respond':
        return noCache(toWebResponse(outcome));
      default:
        return unhandledOutcome(outcome);
    }
  };
}

/**
 * Continues to the app. After a cookie write the downstream request gets the rewritten `Cookie`
 * header (Server Components, Route Handlers and Server Actions read the new session, never the
 * spent token) and the browser the raw `Set-Cookie` strings (Next's header override plus raw
 * `Set-Cookie`). Without a write the browser's `Cookie` header goes on byte for byte: a rebuilt
 * one would re-encode other cookies' values and drop repeated names the app may rely on.
 */
function forward(request: NextRequest, outcome: Extract<Outcome, { kind: 'continue' }>): Response {
  if (outcome.route === null) return NextResponse.next(); // ignored path: no session work, nothing to forward
  // Built from the full request headers: the override list drops every header it doesn't name. With tracing on,
  // the app's guards report under the request's id (a client-sent one replaced; never used for access decisions).
  const headers = withChanges(request.headers, downstreamChanges(request.headers, outcome));
  headers.set(PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  const response = applyOutcomeToResponse(NextResponse.next({ request: { headers } }), outcome);
  return outcome.cookies.writes.length > 0 ? noCache(response) : response;
}

/**
 * A denied Server Action, answered the way Next's client understands an action's redirect: 200 with
 * `x-action-redirect` and an empty text body, which it turns into a full navigation to the login
 * page (Next 15.5 and 16: `server-action-reducer`). An HTTP 3xx would be followed by `fetch` and
 * the action would fail with "An unexpected response". The action's code never runs.
 */
function actionRedirect(outcome: Extract<Outcome, { kind: 'redirect' }>): Response {
  const response = applyOutcomeToResponse(new Response('', { status: 200, headers: { 'content-type': 'text/plain' } }), outcome);
  response.headers.set('x-action-redirect', `${outcome.location};push`);
  return response;
}

function noCache(response: Response): Response {
  response.headers.set(...MIDDLEWARE_NO_CACHE);
  return response;
}
