// Public entry of @lockstep/node (plain node:http and Connect-style servers): the middleware and re-exports.
import type { Lockstep, LockstepEffects, LockstepOptions } from '@lockstep/core';
import { createMiddleware, NODE_ROUTER, type NodeMiddleware } from './middleware.js';

/**
 * The middleware for a server that routes on the exact path (`caseSensitive: true`,
 * `trailingSlash: 'strict'`); Express and Fastify have their own entries. Create it once.
 *
 * @example
 * const auth = lockstep({ supabaseUrl, supabaseKey, routes: [{ match: '/', access: 'public' }] });
 * createServer((req, res) => auth(req, res, (error) => (error ? fail(res) : app(req, res))));
 */
export function lockstep(options: LockstepOptions | Lockstep, effects?: LockstepEffects): NodeMiddleware {
  return createMiddleware(options, NODE_ROUTER, effects);
}

export { requireUser, sendOutcome, type NodeMiddleware } from './middleware.js';
export { exchangeCode, signInWithPassword, signOut, supabaseFor } from './auth-helpers.js';
export { getAuth, type AuthView, type NodeRequest } from './request-state.js';
