// The Hono middleware: one core call per request, the outcome translated with an exhaustive switch.
import { applyOutcomeToResponse, instanceFrom, toWebResponse, type LockstepEffects } from '@lockstep/core';
import { fromSetup, type LockstepSetup } from '@lockstep/supabase';
import type { MiddlewareHandler } from 'hono';
import { setVariables, type LockstepEnv } from './variables.js';

/**
 * Creates the middleware. Build it once at startup: misconfiguration throws here, and the
 * instance holds the caches that make concurrent refreshes single-flight. Mount it on every path
 * (`'*'`): the route table in the options, not the mount path, decides what is protected.
 *
 * @example
 * const app = new Hono();
 * app.use('*', lockstep({ supabaseUrl, supabaseKey, routes: [{ match: '/', access: 'public' }] }));
 * app.get('/dashboard', (c) => c.json({ id: c.var.user?.id }));
 */
export function lockstep(options: LockstepSetup, effects?: LockstepEffects): MiddlewareHandler<LockstepEnv> {
  const instance = instanceFrom(fromSetup(options), { caseSensitive: true, trailingSlash: 'strict' }, effects); // as Hono routes: case-sensitive, `/a/` ≠ `/a`
  return async function lockstepMiddleware(c, next) {
    const outcome = await instance.handle(c.req.raw);
    switch (outcome.kind) {
      case 'redirect':
      case 'respond':
        return toWebResponse(outcome);
      case 'continue': {
        setVariables(c, instance, outcome.auth);
        if (outcome.cookies.writes.length > 0) {
          // Handlers that read cookies (getCookie, a @supabase/ssr client) must see the new session (DESIGN §3.7).
          const headers = new Headers(c.req.raw.headers);
          headers.set('Cookie', outcome.requestCookieHeader);
          c.req.raw = new Request(c.req.raw, { headers });
        }
        // After next(): cookies set earlier are lost when a handler returns a raw Response (frameworks.md §6).
        await next();
        const response = applyOutcomeToResponse(c.res, outcome);
        if (response !== c.res) {
          // A copy (immutable headers): Hono's `res` setter would overwrite the copy's Set-Cookie with the
          // old response's, so drop the old one first.
          c.res = undefined;
          c.res = response;
        }
        return;
      }
      default:
        return unreachable(outcome);
    }
  };
}

function unreachable(value: never): never {
  // Only the tag: an outcome carries cookie values, which never go into a message.
  throw new TypeError(`Unhandled Lockstep outcome kind: ${String((value as { kind?: unknown }).kind)}`);
}
