// The route table of DESIGN §7 that the demos share, after each app's own ignored (static) paths.
import type { RouteRule } from '@lockstep/core';

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
  // Admin pages ask the auth server on every request, so a revoked session is seen at once.
  { match: '/admin/**', access: 'protected', verify: 'user' },
  { match: '/api/**', access: 'protected', verify: 'claims' },
];
