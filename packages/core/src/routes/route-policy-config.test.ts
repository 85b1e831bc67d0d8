// Tests — createRoutePolicy: every ERR_CONFIG_* it raises, and configurations it must accept.
import { describe, expect, it } from 'vitest';
import type { LockstepErrorCode } from '../errors.js';
import { createRoutePolicy, type RoutePolicyOptions } from './route-policy.js';
import type { RouteRule } from './route-rule.js';
import { expectLockstepError } from './test-support/expect-lockstep-error.js';

const base: RoutePolicyOptions = { rules: [], defaultVerify: 'claims', loginPath: '/login' };
const withRules = (...rules: RouteRule[]): RoutePolicyOptions => ({ ...base, rules });
// Untyped callers (plain JS, JSON config) can pass anything; these cases reach the runtime checks.
const loose = (value: object): RoutePolicyOptions => value as RoutePolicyOptions;

describe('createRoutePolicy: configuration errors', () => {
  const cases: [name: string, options: RoutePolicyOptions, code: LockstepErrorCode, mentions: string][] = [
    ['options not an object', null as unknown as RoutePolicyOptions, 'ERR_CONFIG_INVALID', 'options'],
    ['rules not an array', loose({ ...base, rules: '/x' }), 'ERR_CONFIG_INVALID', 'rules'],
    ['rule not an object', loose({ ...base, rules: ['/x'] }), 'ERR_CONFIG_INVALID', 'rules[0]'],
    ['unknown access', loose({ ...base, rules: [{ match: '/x', access: 'private' }] }), 'ERR_CONFIG_INVALID', 'rules[0].access'],
    ['session on a protected rule', withRules({ match: '/x', access: 'protected', session: false }), 'ERR_CONFIG_INVALID', 'rules[0].session'],
    ['session on an ignore rule', withRules({ match: '/x', access: 'ignore', session: false }), 'ERR_CONFIG_INVALID', 'rules[0].session'],
    ['non-boolean session', loose({ ...base, rules: [{ match: '/x', access: 'public', session: 'no' }] }), 'ERR_CONFIG_INVALID', 'session'],
    ['unknown trailingSlash', loose({ ...base, trailingSlash: 'remove' }), 'ERR_CONFIG_INVALID', 'trailingSlash'],

    ['pattern without leading slash', withRules({ match: 'admin', access: 'public' }), 'ERR_CONFIG_PATTERN', '"admin"'],
    ['star inside a segment', withRules({ match: '/a*b', access: 'public' }), 'ERR_CONFIG_PATTERN', '"/a*b"'],
    ['prefix star', withRules({ match: '/login*', access: 'public' }), 'ERR_CONFIG_PATTERN', '"/login*"'],
    ['malformed escape in a pattern', withRules({ match: '/%zz', access: 'public' }), 'ERR_CONFIG_PATTERN', '"/%zz"'],
    ['dot segment in a pattern', withRules({ match: '/a/../b', access: 'public' }), 'ERR_CONFIG_PATTERN', '"/a/../b"'],
    ['bad pattern in a list', withRules({ match: ['/ok', '/bad**'], access: 'public' }), 'ERR_CONFIG_PATTERN', 'rules[0] pattern "/bad**"'],
    ['empty match list', withRules({ match: [], access: 'public' }), 'ERR_CONFIG_PATTERN', 'rules[0].match'],
    ['global RegExp', withRules({ match: /^\/x$/g, access: 'public' }), 'ERR_CONFIG_PATTERN', '/^\\/x$/g'],
    ['sticky RegExp', withRules({ match: /^\/x$/y, access: 'public' }), 'ERR_CONFIG_PATTERN', '"y" flag'],
    ['number as pattern', loose({ ...base, rules: [{ match: 42, access: 'public' }] }), 'ERR_CONFIG_PATTERN', 'rules[0].match'],

    ['defaultVerify session', loose({ ...base, defaultVerify: 'session' }), 'ERR_CONFIG_VERIFY_MODE', 'opts in'],
    ['unknown defaultVerify', loose({ ...base, defaultVerify: 'jwt' }), 'ERR_CONFIG_VERIFY_MODE', 'defaultVerify'],
    ['missing defaultVerify', loose({ rules: [], loginPath: '/login' }), 'ERR_CONFIG_VERIFY_MODE', 'defaultVerify'],
    ['unknown verify', loose({ ...base, rules: [{ match: '/x', access: 'protected', verify: 'jwt' }] }), 'ERR_CONFIG_VERIFY_MODE', 'rules[0].verify'],
    ['verify on an ignore rule', withRules({ match: '/x', access: 'ignore', verify: 'user' }), 'ERR_CONFIG_VERIFY_MODE', 'ignore'],
    ['verify on an authPage rule', withRules({ match: '/x', access: 'authPage', verify: 'claims' }), 'ERR_CONFIG_VERIFY_MODE', 'authPage'],

    ['login behind a protected catch-all', withRules({ match: '/**', access: 'protected' }), 'ERR_CONFIG_LOGIN_UNREACHABLE', 'rules[0] (protected) pattern "/**"'],
    ['login ignored', withRules({ match: '/login', access: 'ignore' }), 'ERR_CONFIG_LOGIN_UNREACHABLE', 'loginPath "/login"'],
    ['login protected by a RegExp', withRules({ match: /^\/log/, access: 'protected' }), 'ERR_CONFIG_LOGIN_UNREACHABLE', 'loginPath'],
    ['login protected by a predicate', withRules({ match: () => true, access: 'protected' }), 'ERR_CONFIG_LOGIN_UNREACHABLE', 'loginPath'],
    ['predicate throws on the login path', withRules({ match: () => { throw new Error('x'); }, access: 'public' }), 'ERR_CONFIG_LOGIN_UNREACHABLE', 'failed'],
    ['callback behind a protected glob', { ...withRules({ match: '/auth/**', access: 'protected' }), implicitPublic: ['/auth/callback'] }, 'ERR_CONFIG_LOGIN_UNREACHABLE', 'implicitPublic[0] "/auth/callback"'],

    ['relative loginPath', { ...base, loginPath: 'login' }, 'ERR_CONFIG_PATH', 'loginPath "login"'],
    ['loginPath with a trailing slash', { ...base, loginPath: '/login/' }, 'ERR_CONFIG_PATH', '"/login"'],
    ['loginPath with a query', { ...base, loginPath: '/login?next=/' }, 'ERR_CONFIG_PATH', 'query'],
    ['loginPath with a fragment', { ...base, loginPath: '/login#x' }, 'ERR_CONFIG_PATH', 'fragment'],
    ['loginPath as a glob', { ...base, loginPath: '/login/*' }, 'ERR_CONFIG_PATH', 'glob'],
    ['loginPath not canonical', { ...base, loginPath: '/a/../login' }, 'ERR_CONFIG_PATH', '"/login"'],
    ['loginPath encoded', { ...base, loginPath: '/log%69n' }, 'ERR_CONFIG_PATH', '"/login"'],
    ['loginPath malformed', { ...base, loginPath: '/%zz' }, 'ERR_CONFIG_PATH', 'bad_encoding'],
    ['missing loginPath', loose({ rules: [], defaultVerify: 'claims' }), 'ERR_CONFIG_PATH', 'loginPath'],
    ['implicitPublic not an array', loose({ ...base, implicitPublic: '/auth/callback' }), 'ERR_CONFIG_PATH', 'implicitPublic'],
    ['implicitPublic not canonical', { ...base, implicitPublic: ['/auth//callback'] }, 'ERR_CONFIG_PATH', 'implicitPublic[0]'],
    ['implicitPublic repeating loginPath', { ...base, implicitPublic: ['/login'] }, 'ERR_CONFIG_PATH', 'repeats loginPath'],
    ['basePath with a trailing slash', { ...base, basePath: '/docs/' }, 'ERR_CONFIG_PATH', 'basePath "/docs/"'],
    ['basePath of root', { ...base, basePath: '/' }, 'ERR_CONFIG_PATH', 'basePath'],
  ];

  it.each(cases)('%s → %s', (_name, options, code, mentions) => {
    const error = expectLockstepError(() => createRoutePolicy(options), code);
    expect(error.message).toContain(mentions);
  });
});

describe('createRoutePolicy: valid configurations', () => {
  const valid: [name: string, options: RoutePolicyOptions][] = [
    ['no rules at all', base],
    ['login as an explicit authPage', withRules({ match: ['/login', '/signup'], access: 'authPage' }, { match: '/**', access: 'protected' })],
    ['login inside a public area', withRules({ match: '/login', access: 'public' }, { match: '/**', access: 'protected' })],
    ['session mode opted in on a rule', withRules({ match: '/hints/**', access: 'protected', verify: 'session' })],
    ['public rule without session', withRules({ match: '/pricing', access: 'public', session: false, verify: 'user' })],
    ['basePath with implicit paths', { ...base, basePath: '/app', implicitPublic: ['/auth/callback', '/auth/confirm'] }],
  ];
  it.each(valid)('%s', (_name, options) => {
    expect(() => createRoutePolicy(options)).not.toThrow();
  });

  it('does not mutate, and accepts, deeply frozen options', () => {
    const rules = Object.freeze([Object.freeze({ match: Object.freeze(['/', '/blog/*']), access: 'public' as const })]);
    const options = Object.freeze({ ...base, rules, implicitPublic: Object.freeze(['/auth/callback']) });
    const snapshot = JSON.stringify(options);
    const policy = createRoutePolicy(options);
    expect(JSON.stringify(options)).toBe(snapshot);
    expect(Object.isFrozen(policy)).toBe(true);
  });
});
