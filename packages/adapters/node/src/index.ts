// Public entry of @lockstep/node (plain node:http and Connect-style servers): the middleware, and the helpers every entry shares.
import { createMiddleware, type NodeMiddleware } from './middleware.js';
import type { LockstepArgs } from './run-lockstep.js';

/**
 * The middleware for a server that compares the path exactly (`url.pathname === '/admin'`):
 * `caseSensitive: true`, `trailingSlash: 'strict'`. Express and Fastify have their own entries. Create it once.
 *
 * @example
 * const auth = lockstep({ supabaseUrl, supabaseKey, routes: [{ match: '/', access: 'public' }] });
 * createServer((req, res) => auth(req, res, (error) => (error ? fail(res) : app(req, res))));
 */
export const lockstep = (...args: LockstepArgs): NodeMiddleware => createMiddleware({ caseSensitive: true, trailingSlash: 'strict' }, ...args);

export { requireUser, sendOutcome, type NodeMiddleware } from './middleware.js';
export { exchangeCode, signInWithPassword, signOut, supabaseFor } from './auth-helpers.js';
export { getAuth, type AuthView, type NodeRequest } from './request-state.js';
