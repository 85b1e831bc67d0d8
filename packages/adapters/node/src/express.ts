// Entry @lockstep/node/express: the Connect-style middleware with Express 5's routing defaults; the rest as the main entry.
import { createMiddleware, type NodeMiddleware } from './middleware.js';
import type { LockstepArgs, RouterSemantics } from './run-lockstep.js';

/**
 * Express 5's router by default: `case sensitive routing` and `strict routing` are off, so `/Admin`
 * and `/admin/` reach the `/admin` route. If you turn either on, pass `caseSensitive: true` or
 * `trailingSlash: 'strict'` in the options.
 */
export const EXPRESS_ROUTER: RouterSemantics = { caseSensitive: false, trailingSlash: 'ignore' };

/**
 * The middleware for Express 5. Create it once; `app.use()` it before the routes (and before
 * cookie-parser, which would otherwise parse the cookies from before a refresh).
 *
 * @example
 * app.use(lockstep({ supabaseUrl, supabaseKey, routes: [{ match: '/', access: 'public' }] }));
 */
export const lockstep = (...args: LockstepArgs): NodeMiddleware => createMiddleware(EXPRESS_ROUTER, ...args);

// Everything else as the main entry (this module's `lockstep` takes precedence over the one re-exported).
export * from './index.js';
