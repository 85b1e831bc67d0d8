// Test fixture: the example rule table the route-policy tests share.
import { createRoutePolicy, type RoutePolicyOptions } from '../route-policy.js';
import type { RouteAccess, VerifyMode } from '../route-rule.js';

export const options: RoutePolicyOptions = {
  rules: [
    { match: '/_next/static/**', access: 'ignore' },
    { match: ['/', '/api/health', '/api/webhooks/**', '/blog/*'], access: 'public' },
    { match: '/pricing', access: 'public', session: false },
    { match: '/signup', access: 'authPage' },
    { match: '/admin/**', access: 'protected', verify: 'user' },
    { match: '/hints/**', access: 'protected', verify: 'session' },
  ],
  defaultVerify: 'claims',
  loginPath: '/login',
  implicitPublic: ['/auth/callback'],
};
export const policy = createRoutePolicy(options);

export type Expected = { access: RouteAccess; verify: VerifyMode; session: boolean; ruleIndex: number | null; pattern: string | null };
export const PROTECTED_BY_DEFAULT: Expected = { access: 'protected', verify: 'claims', session: true, ruleIndex: null, pattern: null };
export const ADMIN: Expected = { access: 'protected', verify: 'user', session: true, ruleIndex: 4, pattern: '/admin/**' };
