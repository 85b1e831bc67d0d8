// The Hono environment of the demo's handlers, and the collaborators the route modules share.
import type { AuthState, Lockstep } from '@lockstep/core';
import type { LockstepVariables } from '@lockstep/hono';
import type { Context } from 'hono';
import type { Clock } from './auth-backend.js';
import type { EventLog } from './event-log.js';

/** `c.var` of the demo: Lockstep's variables plus whether the middleware renewed the session. */
export interface DemoEnv {
  Variables: LockstepVariables & {
    /** `requireUser()` re-verifies and replaces `c.var.auth`, so the middleware's `refreshed` is kept here. */
    refreshedByMiddleware: boolean;
  };
}

/** Built once at start and handed to each route module. */
export interface DemoDeps {
  readonly lockstep: Lockstep;
  readonly events: EventLog;
  readonly now: Clock;
  /** The seeded user in mock mode, shown on the login page. */
  readonly demoUser?: { readonly email: string; readonly password: string };
  /** The mock sends no email: the link it would have sent (mock mode only). */
  readonly latestMagicLink?: (email: string) => string | null;
}

/** The verified auth of a handler behind `requireUser()`; reaching it without one is a wiring bug. */
export function signedIn(c: Context<DemoEnv>): Extract<AuthState, { kind: 'authenticated' }> {
  const auth = c.var.auth;
  if (auth.kind !== 'authenticated') throw new Error('handler mounted without requireUser()');
  return auth;
}
