// The React Router middleware: one core call per request, the outcome translated with an exhaustive switch.
import { applyOutcomeToResponse, instanceFrom, toWebResponse, type LockstepEffects, type RespondOutcome } from '@lockstep/core';
import { applyChanges, downstreamChanges, outcomeHeaders, unhandledOutcome } from '@lockstep/core/adapter';
import { fromSetup, type LockstepSetup } from '@lockstep/supabase';
import { data, type MiddlewareFunction } from 'react-router';
import { handoffContext, lockstepContext } from './context.js';
import { coreRequest, isSingleFetch, kindHint } from './request-target.js';

/**
 * Creates the server middleware. Build it once at startup (misconfiguration throws here; the
 * instance holds the caches that make concurrent refreshes single-flight) and export it from the
 * root route, so the session is refreshed once, before any loader runs, and every parallel loader
 * reads the result from the context. On React Router 7.x, set `future.v8_middleware: true`.
 *
 * @example
 * // app/root.tsx
 * export const middleware: Route.MiddlewareFunction[] = [lockstepMiddleware(lockstep)];
 * // any loader
 * export function loader({ context }: Route.LoaderArgs) { return { user: getAuth(context).user }; }
 */
export function lockstepMiddleware(options: LockstepSetup, effects?: LockstepEffects): MiddlewareFunction<Response> {
  const instance = instanceFrom(fromSetup(options), { caseSensitive: false }, effects); // React Router's matcher ignores case
  return async function lockstep(args, next) {
    const outcome = await instance.handle(coreRequest(args), kindHint(args));
    switch (outcome.kind) {
      case 'redirect':
        // Returned, not thrown: React Router passes it on as is, and turns it into a 202 with the cookies for `.data`.
        return toWebResponse(outcome);
      case 'respond':
        if (isSingleFetch(args.request)) throwForSingleFetch(outcome);
        return toWebResponse(outcome);
      case 'continue': {
        args.context.set(lockstepContext, outcome.auth);
        const changes = downstreamChanges(args.request.headers, outcome);
        args.context.set(handoffContext, { instance, changes });
        // Loaders that read the `Cookie` header themselves (a `@supabase/ssr` server client) must see the new session
        // (DESIGN §3.7), and guards the request's id. `next()` takes no request, so the headers are changed in place;
        // where a runtime's request headers are immutable the context (and `requireUser()`) still carry both.
        applyChanges(args.request.headers, changes);
        // After next(): whatever the route produced (a page, a redirect, a thrown response, a stream) gets the cookies.
        return applyOutcomeToResponse(await next(), outcome);
      }
      default:
        return unhandledOutcome(outcome);
    }
  };
}

/**
 * A `.data` response must be one the client router can decode: thrown `data()` becomes the route's
 * ErrorBoundary with the status. Only 400/503 get here, and neither writes cookies (the plan keeps
 * them), so nothing is lost where React Router drops a thrown response's headers (frameworks.md §7).
 */
function throwForSingleFetch(outcome: RespondOutcome): never {
  throw data(outcome.body, { status: outcome.status, headers: outcomeHeaders(outcome) });
}
