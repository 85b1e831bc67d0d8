// The server-side guard for handlers and route groups (DESIGN §3.9): re-verify, never refresh.
import { LockstepError, toWebResponse, type AuthState, type Lockstep, type VerifyMode } from '@lockstep/core';
import type { Context, MiddlewareHandler } from 'hono';
import { setVariables, type LockstepEnv } from './variables.js';

/**
 * Re-verifies the session from the cookies the middleware forwarded, in `mode` (the instance's
 * default when absent), before the handler runs, and denies exactly as the middleware would
 * (documents → login redirect, data → 401 JSON, 503 while the auth server is down). Defense in
 * depth: it holds even if a route is mistakenly public. It never refreshes or writes cookies.
 *
 * @example
 * app.get('/admin', requireUser('user'), (c) => c.json({ id: c.var.user?.id }));
 */
export function requireUser(mode?: VerifyMode): MiddlewareHandler<LockstepEnv> {
  return async function requireUserGuard(c, next) {
    const instance = lockstepOf(c);
    const established = c.get('auth') as AuthState | undefined;
    const result = await instance.guard(c.req.raw, { ...(mode === undefined ? {} : { mode }), ...(established === undefined ? {} : { established }) });
    setVariables(c, instance, result.auth);
    switch (result.kind) {
      case 'allowed':
        await next();
        return;
      case 'denied':
        return toWebResponse(result.outcome);
    }
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
