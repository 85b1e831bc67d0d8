// Tests — ERR_CONFIG_RULE_SHADOWED: later rules an earlier string pattern makes unreachable.
import { describe, expect, it } from 'vitest';
import { createRoutePolicy, type RoutePolicyOptions } from './route-policy.js';
import type { RouteRule } from './route-rule.js';
import { expectLockstepError } from './test-support/expect-lockstep-error.js';

const base: RoutePolicyOptions = { rules: [], defaultVerify: 'claims', loginPath: '/login' };
const withRules = (...rules: RouteRule[]): RoutePolicyOptions => ({ ...base, rules });

describe('createRoutePolicy: a rule that can never match is ERR_CONFIG_RULE_SHADOWED', () => {
  const cases: [name: string, options: RoutePolicyOptions, mentions: string][] = [
    ['rule under an earlier globstar', withRules({ match: '/admin/**', access: 'protected' }, { match: '/admin/users', access: 'public' }), 'rules[1] (public) pattern "/admin/users" can never match: rules[0] (protected) pattern "/admin/**"'],
    ['rule under an earlier star', withRules({ match: '/blog/*', access: 'public' }, { match: '/blog/x', access: 'protected' }), 'rules[0] (public) pattern "/blog/*"'],
    ['identical patterns', withRules({ match: '/x', access: 'public' }, { match: '/x', access: 'protected' }), '"/x"'],
    ['same pattern spelled differently', withRules({ match: '/dashboard', access: 'public' }, { match: '//dash%62oard/', access: 'protected' }), '"/dashboard"'],
    ['anything after /**', withRules({ match: '/**', access: 'public' }, { match: '/admin/**', access: 'protected' }), 'rules[1]'],
    ['one pattern of a list shadowed', withRules({ match: ['/a', '/b/**'], access: 'public' }, { match: ['/c', '/b/c'], access: 'protected' }), '"/b/c"'],
    ['shadowed two rules later', withRules({ match: '/api/**', access: 'public' }, { match: '/x', access: 'public' }, { match: '/api/*/y', access: 'protected' }), 'rules[2]'],
  ];
  it.each(cases)('%s', (_name, options, mentions) => {
    const error = expectLockstepError(() => createRoutePolicy(options), 'ERR_CONFIG_RULE_SHADOWED');
    expect(error.message).toContain(mentions);
  });
});

describe('createRoutePolicy: overlapping rules that are not shadowed', () => {
  const valid: [name: string, options: RoutePolicyOptions][] = [
    ['specific rule before its glob', withRules({ match: '/admin/login', access: 'public' }, { match: '/admin/**', access: 'protected' })],
    ['star before globstar', withRules({ match: '/blog/*', access: 'public' }, { match: '/blog/**', access: 'protected' })],
    ['RegExp before an overlapping string', withRules({ match: /^\/a/, access: 'public' }, { match: '/a', access: 'protected' })],
    ['predicate before an overlapping string', withRules({ match: (p) => p === '/a', access: 'public' }, { match: '/a', access: 'protected' })],
    ['redundant patterns inside one rule', withRules({ match: ['/a/**', '/a/b'], access: 'public' })],
    ['strict: /blog and /blog/ are different patterns', { ...withRules({ match: '/blog', access: 'public' }, { match: '/blog/', access: 'public' }), trailingSlash: 'strict' }],
  ];
  it.each(valid)('%s', (_name, options) => {
    expect(() => createRoutePolicy(options)).not.toThrow();
  });
});
