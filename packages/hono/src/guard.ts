// The server-side guard for handlers and route groups (DESIGN §3.9): re-verify, never refresh.
import { LockstepError, type VerifyMode } from '@lockstep/core';
import type { MiddlewareHandler } from 'hono';
import { setVariables, type LockstepEnv } from './variables.js';

/**
 * Re-verifies the session from the cookies the middleware forwarded, in `mode` (the instance's
 * default when absent), before the handler runs. Defense in depth: it holds even if a route is
 * mistakenly public in the route table. It never refreshes or writes cookies.
 *
 * @example
 * app.get('/admin', requireUser('user'), (c) => c.json({ id: c.var.user?.id }));
 */
export function requireUser(mode?: VerifyMode): MiddlewareHandler<LockstepEnv> {
  return async function requireUserGuard(c, next) {
    const instance = c.get('lockstep') as LockstepEnv['Variables']['lockstep'] | undefined;
    if (instance === undefined) {
      throw new LockstepError('ERR_CONFIG_INVALID', 'requireUser() runs behind the lockstep() middleware; mount lockstep() on this path first.');
    }
    const auth = await instance.verifyRequest(c.req.raw, mode);
    setVariables(c, instance, auth);
    switch (auth.kind) {
      case 'authenticated':
        await next();
        return;
      // TODO(core): render denials with a core `deny(request, auth)` (documents → login redirect) once it exists.
      case 'anonymous':
        return c.json({ error: 'unauthorized', reason: auth.reason }, 401, { 'WWW-Authenticate': 'Bearer realm="lockstep"' });
      case 'unavailable':
        return c.json({ error: 'auth_unavailable', reason: auth.cause }, 503, { 'Retry-After': '5' });
    }
  };
}
