// The fixture app's route contract: the routes every harness's app serves, and the rules it runs with.
import type { LockstepBaseOptions, RouteRule } from '@lockstep/core';
import type { SupabaseLockstepOptions } from '@lockstep/supabase';

/** The seeded user the scenarios sign in as. */
export const FIXTURE_USER = { email: 'ada@example.com', password: 'correct-horse-1' } as const;

/** Where a signed-in user on `/login` goes without a valid return-to. */
export const AFTER_SIGN_IN_PATH = '/dashboard';

/** Access-token lifetime of every backend, in seconds. */
export const TOKEN_LIFETIME = 3600;

/**
 * The route table. `/dashboard/**`, `/api/me` (GET and POST: a handler a forged POST could reach) and
 * `/own/**` match no rule: they are protected by
 * the deny-by-default policy, in the default `claims` mode.
 */
export const FIXTURE_RULES: readonly RouteRule[] = [
  { match: '/assets/**', access: 'ignore' },
  // Left to its handler's guard alone (no middleware check), which must use this rule's mode (C35).
  { match: '/guarded/strict', access: 'public', session: false, verify: 'user' },
  { match: ['/', '/api/health', '/guarded/**'], access: 'public' },
  { match: '/api/webhooks/*', access: 'public', session: false },
  // The sign-out helper renews an expired token itself; a refresh by the middleware first would
  // race the deletion with a fresh session cookie.
  { match: '/logout', access: 'public', session: false },
  { match: '/admin/**', access: 'protected', verify: 'user' },
  { match: '/hints/**', access: 'protected', verify: 'session' },
  // Route requirements (C36), on paths every fixture app serves as `dashboard`.
  { match: '/dashboard/mfa-only/**', access: 'protected', aal: 'aal2' },
  { match: '/dashboard/recent/**', access: 'protected', recentSignIn: 600 },
  { match: '/dashboard/staff/**', access: 'protected', roles: ['staff'] },
  { match: '/dashboard/plan-pro/**', access: 'protected', claims: { 'app_metadata.plan': 'pro' } },
];

/** Where a session that fails an `aal` or `recentSignIn` requirement is sent (C36). */
export const STEP_UP_PATH = '/dashboard/step-up';

/** The fixture app's engine options, whatever the backend (before per-scenario overrides). */
export const FIXTURE_BASE_OPTIONS: LockstepBaseOptions = { afterSignInPath: AFTER_SIGN_IN_PATH, routes: FIXTURE_RULES, stepUpPath: STEP_UP_PATH };

/** The options of the fixture app on the GoTrue mock (before per-scenario overrides). */
export function fixtureOptions(mock: { readonly url: string; readonly anonKey: string }): SupabaseLockstepOptions {
  return { supabaseUrl: mock.url, supabaseKey: mock.anonKey, ...FIXTURE_BASE_OPTIONS };
}

/**
 * The JSON body of the fixture's probe routes: which route answered, the user the adapter's
 * downstream API reports, and the `Cookie` header the handler received (`''` when none).
 */
export interface Probe {
  readonly route: string;
  readonly user: { readonly id: string; readonly email: string | null } | null;
  readonly cookie: string;
}

/** Body of `/own/stream`, sent in three chunks. */
export const STREAM_CHUNKS = ['lock', 'step', '!'] as const;

/** Where `/own/redirect` and `/own/immutable-redirect` send the browser. */
export const OWN_REDIRECT_TARGET = '/elsewhere';

/**
 * The `/logout` route's `?scope=` as a sign-out scope: `global` and `others` as sent, anything else
 * (absent, junk) `local`, the narrowest.
 *
 * @example
 * app.post('/logout', async (c) => toWebResponse((await signOut(c, signOutScope(c.req.query('scope')))).outcome));
 */
export function signOutScope(value: unknown): 'local' | 'global' | 'others' {
  return value === 'global' || value === 'others' ? value : 'local';
}
