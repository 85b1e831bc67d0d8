// The route table of DESIGN §7 that the demos share, after each app's own ignored (static) paths, and where requirements send people.
import type { RouteRule } from '@lockstep/core';

/**
 * Where a route requirement sends a person (the instance's `stepUpPath` option): the MFA page,
 * which enrols a factor when the user has none and steps the session up to `aal2` otherwise.
 */
export const DEMO_REQUIREMENT_PAGES = Object.freeze({ stepUpPath: '/settings/security' } as const);

/**
 * The demos' routes after their `ignore` rule, first match wins; anything not listed is protected
 * (deny by default). Each app puts its own `ignore` rule for its static paths first.
 *
 * @example
 * const routes = [{ match: '/favicon.ico', access: 'ignore' }, ...DEMO_APP_ROUTES];
 */
export const DEMO_APP_ROUTES: readonly RouteRule[] = [
  { match: ['/', '/api/health'], access: 'public' },
  // These handlers end or replace the session themselves (sign-out renews an expired token on its own),
  // so the middleware has nothing to refresh there.
  { match: ['/logout', '/auth/callback'], access: 'public', session: false },
  { match: '/api/webhooks/**', access: 'public', session: false },
  // `/login/password`: the Next demo's sign-in Route Handler (the other demos post to `/login` itself).
  { match: ['/login', '/login/magic-link', '/login/password'], access: 'authPage' },
  { match: '/dashboard/**', access: 'protected', verify: 'claims' },
  // The MFA page (enrolment and step-up) asks the auth server, which lists the user's factors.
  { match: '/settings/**', access: 'protected', verify: 'user' },
  // Billing needs a second factor (aal2): without one the user is sent to /settings/security first.
  { match: '/admin/billing', access: 'protected', verify: 'user', aal: 'aal2' },
  // Staff pages need the `admin` role in app_metadata (set only with the service key): 403 without it.
  { match: '/admin/staff', access: 'protected', verify: 'user', roles: ['admin'] },
  // Admin pages ask the auth server on every request, so a revoked session is seen at once.
  { match: '/admin/**', access: 'protected', verify: 'user' },
  { match: '/api/**', access: 'protected', verify: 'claims' },
];
