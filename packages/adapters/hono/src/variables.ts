// The typed per-request context the middleware fills: `c.var.auth`, `c.var.user`, … (STYLE §8).
import type { AuthState, Lockstep, Session, SessionClaims, SessionUser } from '@lockstep/core';
import { authView } from '@lockstep/core/adapter';
import type { Context } from 'hono';

/** What `lockstep()` and `requireUser()` put on the context for the handlers after them. */
export interface LockstepVariables {
  /** The request's auth state as the middleware (or a guard) established it. */
  auth: AuthState;
  /** The verified user, or `null` when the request is not authenticated. */
  user: SessionUser | null;
  /** The verified access-token claims, or `null`. */
  claims: SessionClaims | null;
  /** The (possibly just refreshed) session, or `null`. Its tokens are secrets: never log them. */
  session: Session | null;
  /** The Lockstep instance, for guards and helpers further down the chain. */
  lockstep: Lockstep;
}

/** The Hono `Env` of an app or route that runs behind `lockstep()`. */
export interface LockstepEnv {
  Variables: LockstepVariables;
}

declare module 'hono' {
  interface ContextVariableMap {
    auth: AuthState;
    user: SessionUser | null;
    claims: SessionClaims | null;
    session: Session | null;
    lockstep: Lockstep;
  }
}

/** Publishes an auth state on the context. */
export function setVariables(c: Context, instance: Lockstep, auth: AuthState): void {
  const view = authView(auth);
  c.set('lockstep', instance);
  c.set('auth', auth);
  c.set('user', view.user);
  c.set('claims', view.claims);
  c.set('session', view.session);
}
