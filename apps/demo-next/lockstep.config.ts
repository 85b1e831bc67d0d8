// The demo's Lockstep settings: the route table of DESIGN §7 (demo-kit's, as in the other demos), read from the
// environment at run time (Next imports this module during `next build`, when nothing is set yet).
import type { LockstepEffects, RouteRule } from '@lockstep/core';
import type { SupabaseLockstepOptions } from '@lockstep/supabase';
import { DEMO_APP_ROUTES, DEMO_REQUIREMENT_PAGES } from '@lockstep/demo-kit/routes';
import { demoNow } from './lib/clock-file';
import { demoEvents } from './lib/event-log';
import { demoRevocations } from './lib/revocations';

/** The demo's routes, first match wins; anything not listed is protected (deny by default). */
export const DEMO_ROUTES: readonly RouteRule[] = [{ match: '/favicon.ico', access: 'ignore' }, ...DEMO_APP_ROUTES];

/** The clock of both Lockstep instances (proxy and server helpers), Unix seconds: the mock's in mock mode. */
export const now = demoNow();

/** `now` for `lockstepProxy` and `createServerAuth`. */
export const demoEffects: LockstepEffects = { now };

/**
 * `SUPABASE_URL` / `SUPABASE_ANON_KEY` (or the `NEXT_PUBLIC_` names), `SUPABASE_JWT_SECRET`.
 * The launcher (src/start-demo.ts) sets them to the embedded mock when nothing is configured.
 */
export function lockstepOptions(): SupabaseLockstepOptions {
  const env = process.env;
  const supabaseUrl = env.SUPABASE_URL || env.NEXT_PUBLIC_SUPABASE_URL;
  const supabaseKey = env.SUPABASE_ANON_KEY || env.NEXT_PUBLIC_SUPABASE_ANON_KEY;
  if (!supabaseUrl || !supabaseKey) throw new Error('Set SUPABASE_URL and SUPABASE_ANON_KEY (the launcher sets them to the embedded mock).');
  const secret = env.SUPABASE_JWT_SECRET;
  return {
    supabaseUrl,
    supabaseKey,
    routes: DEMO_ROUTES,
    afterSignInPath: '/dashboard',
    // An aal2 route sends a user without a second factor to /settings/security (enrolment or step-up).
    ...DEMO_REQUIREMENT_PAGES,
    ...(secret ? { jwt: { secret } } : {}),
    onEvent: demoEvents.record,
    // One revocation list for the proxy's and the server helpers' instances: a sign-out reaches both at once.
    revocation: { store: demoRevocations },
  };
}
