// The Hono environment of the demo's handlers, and the collaborators the route modules share.
import type { AuthState } from '@lockstep/core';
import type { DemoDeps as SharedDemoDeps } from '@lockstep/demo-kit';
import type { LockstepVariables } from '@lockstep/hono';
import type { Context } from 'hono';

/** `c.var` of the demo: Lockstep's variables (`requireUser()` keeps the middleware's `refreshed` flag). */
export interface DemoEnv {
  Variables: LockstepVariables;
}

/** Built once at start and handed to each route module: the demos' shared collaborators, plus the magic link. */
export interface DemoDeps extends SharedDemoDeps {
  /** The mock sends no email: the link it would have sent (mock mode only). */
  readonly latestMagicLink?: (email: string) => string | null;
}

/** The verified auth of a handler behind `requireUser()`; reaching it without one is a wiring bug. */
export function signedIn(c: Context<DemoEnv>): Extract<AuthState, { kind: 'authenticated' }> {
  const auth = c.var.auth;
  if (auth.kind !== 'authenticated') throw new Error('handler mounted without requireUser()');
  return auth;
}
