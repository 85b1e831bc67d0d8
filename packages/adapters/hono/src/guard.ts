// The server-side guard for handlers and route groups (DESIGN §3.9): re-verify, never refresh.
import { LockstepError, type AuthState, type Lockstep } from '@lockstep/core';
import { guardCheckOptions, guardResponse, type GuardCheck } from '@lockstep/core/adapter';
import type { Context, MiddlewareHandler } from 'hono';
import { setVariables, type LockstepEnv } from './variables.js';

/**
 * Re-verifies the session from the cookies the middleware forwarded, in the check's mode (the
 * instance's default when absent) and with its requirements (`aal`, `recentSignIn`, `roles`,
 * `claims`) on top of the route's, before the handler runs, and denies exactly as the middleware
 * would (documents → login redirect, data → 401 JSON, 503 while the auth server is down; a failed
 * requirement → step-up or 403). Defense in depth: it holds even if a route is mistakenly public.
 * It never refreshes or writes cookies.
 *
 * @example
 * app.get('/admin', requireUser('user'), (c) => c.json({ id: c.var.user?.id }));
 * app.post('/api/billing', requireUser({ aal: 'aal2' }), (c) => c.json({ ok: true }));
 */
export function requireUser(check?: GuardCheck): MiddlewareHandler<LockstepEnv> {
  return async function requireUserGuard(c, next) {
    const instance = lockstepOf(c);
    const established = c.get('auth') as AuthState | undefined;
    const result = guardResponse(await instance.guard(c.req.raw, { ...guardCheckOptions(check), established }));
    setVariables(c, instance, result.auth);
    if (result.kind === 'denied') return result.response;
    await next();
  };
}

/** The instance the `lockstep()` middleware published; misuse (no middleware in front) throws. */
export function lockstepOf(c: Context): Lockstep {
  const instance = c.get('lockstep') as Lockstep | undefined;
  if (instance === undefined) {
    throw new LockstepError('ERR_CONFIG_INVALID', 'This helper runs behind the lockstep() middleware; mount lockstep() on this path first.');
  }
  return instance;
}
