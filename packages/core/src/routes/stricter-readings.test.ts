// Tests — a path a router may read otherwise (case, Unicode, `//`, needless escapes, `%2F`) is never decided more weakly than the route it serves.
import { describe, expect, it } from 'vitest';
import { fullLowerCase, fullUpperCase, regexpIgnoreCase, simpleCaseFold, turkicLowerCase } from './case-folding.js';
import { createRoutePolicy, type RoutePolicyOptions } from './route-policy.js';
import { expectLockstepError } from './test-support/expect-lockstep-error.js';
import { ADMIN, options, PROTECTED_BY_DEFAULT } from './test-support/example-policy.js';

const insensitive = createRoutePolicy({ ...options, caseSensitive: false });
const sensitive = createRoutePolicy({ ...options, caseSensitive: true });
const route = (policy: typeof insensitive, path: string) => {
  const decision = policy.resolve(path);
  if (decision.kind !== 'matched') throw new Error(`${path} is malformed: ${decision.reason}`);
  const { canonicalPath: _canonicalPath, requirements, ...rest } = decision.route;
  return requirements === null ? rest : { ...rest, requirements };
};

describe('caseSensitive: false (React Router, Remix)', () => {
  it.each(['/ADMIN', '/Admin/users', '/aDmIn/x/y', '/%41dmin', '/ADMIN/'])(
    '%s is decided by the user-mode admin rule, not by deny-by-default in claims mode',
    (path) => {
      expect(route(insensitive, path)).toEqual(ADMIN);
      expect(route(sensitive, path)).toEqual(PROTECTED_BY_DEFAULT);
    },
  );

  it('a case variant of a public path stays protected: the exact reading denies and the stricter wins', () => {
    expect(route(insensitive, '/BLOG/post')).toEqual(PROTECTED_BY_DEFAULT);
    expect(route(insensitive, '/API/health')).toEqual(PROTECTED_BY_DEFAULT);
  });

  it('a case variant of a public-without-session path reads the session', () => {
    expect(route(insensitive, '/PRICING')).toMatchObject({ access: 'protected', session: true });
  });

  it('leaves exact lower-case paths exactly as the case-sensitive table decides them', () => {
    for (const path of ['/', '/blog/post', '/pricing', '/signup', '/login', '/admin/x', '/hints/a', '/dashboard']) {
      expect(route(insensitive, path)).toEqual(route(sensitive, path));
    }
  });

  it('a capital letter in a pattern is matched in any case too', () => {
    const policy = createRoutePolicy({
      rules: [{ match: '/Reports/**', access: 'protected', verify: 'user' }],
      defaultVerify: 'claims',
      loginPath: '/login',
    });
    expect(route(policy, '/reports/q1')).toMatchObject({ verify: 'user', pattern: '/Reports/**' });
  });

  describe('Unicode: every folding scheme a router may use counts, and the strictest wins', () => {
    const policy = createRoutePolicy({
      rules: [
        { match: '/blog/*', access: 'public' },
        { match: ['/admin/**', '/secret/**', '/kit/**', '/straße/**'], access: 'protected', verify: 'user' },
      ],
      defaultVerify: 'claims',
      loginPath: '/login',
    });
    it.each([
      // Turkish capital dotted I: `toLocaleLowerCase('tr')` makes it `i`.
      ['/ADMİN', turkicLowerCase('İ') === 'i'],
      // Long s: Unicode simple case folding makes it `s` (a RegExp with the `iu` flags).
      ['/ſecret', simpleCaseFold('ſ') === 's'],
      // Kelvin sign: lower-cases to `k`.
      ['/\u212Ait', fullLowerCase('\u212A') === 'k'],
      // Sharp s: upper-cases to `SS`.
      ['/STRASSE', fullUpperCase('ß') === 'SS'],
      ['/%C5%BFecret', true],
    ])('%s → user mode', (path, schemeAgrees) => {
      expect(schemeAgrees).toBe(true);
      expect(route(policy, path)).toMatchObject({ access: 'protected', verify: 'user' });
    });

    it('React Router\'s own scheme (RegExp "i" without "u") keeps ſ, K and İ apart from ASCII', () => {
      expect(regexpIgnoreCase('ſ')).toBe('ſ');
      expect(regexpIgnoreCase('\u212A')).toBe('\u212A');
      expect(regexpIgnoreCase('İ')).toBe('İ');
      expect(regexpIgnoreCase('aé')).toBe('AÉ');
      expect(new RegExp('^secret$', 'i').test('ſecret')).toBe(false);
      expect(new RegExp('^secret$', 'iu').test('ſecret')).toBe(true);
    });
  });

  it('a RegExp rule also sees the path lower-cased', () => {
    const policy = createRoutePolicy({
      rules: [{ match: /^\/admin(\/|$)/, access: 'protected', verify: 'user' }],
      defaultVerify: 'claims',
      loginPath: '/login',
    });
    expect(route(policy, '/ADMIN/x')).toMatchObject({ verify: 'user' });
  });

  it('recognizes the basePath in any case, as React Router compares its basename', () => {
    const base: RoutePolicyOptions = { ...options, basePath: '/docs' };
    expect(route(createRoutePolicy({ ...base, caseSensitive: false }), '/DOCS/admin')).toEqual(ADMIN);
    expect(route(createRoutePolicy({ ...base, caseSensitive: false }), '/Docs/Admin/x')).toEqual(ADMIN);
    expect(route(createRoutePolicy({ ...base, caseSensitive: true }), '/DOCS/admin')).toEqual(PROTECTED_BY_DEFAULT);
    expect(route(createRoutePolicy({ ...base, caseSensitive: false }), '/DOCSX/admin')).toEqual(PROTECTED_BY_DEFAULT);
  });

  it('explain() says when another reading made the decision stricter', () => {
    const explanation = insensitive.explain('/ADMIN');
    expect(explanation.kind === 'matched' && explanation.route.verify).toBe('user');
    expect(explanation.reason).toMatch(/another reading of the path .* pattern "\/admin\/\*\*": protected, verify: user/);
    expect(sensitive.explain('/ADMIN').reason).not.toMatch(/another reading/);
    expect(sensitive.explain('//blog/post').reason).toMatch(/^matched rules\[1\] .*; another reading .* deny by default: protected, verify: claims$/);
  });

  it('is the default', () => {
    expect(route(createRoutePolicy(options), '/ADMIN')).toEqual(ADMIN);
  });

  it('refuses a non-boolean', () => {
    expectLockstepError(
      () => createRoutePolicy({ ...options, caseSensitive: 'no' as unknown as boolean }),
      'ERR_CONFIG_INVALID',
    );
  });
});

describe('doubled slashes: the collapsed and the kept reading, the stricter wins', () => {
  const policy = createRoutePolicy({ ...options, caseSensitive: true });
  it.each([
    // React Router and Hono serve `//blog/post` by a catch-all, not by the blog route.
    ['//blog/post', PROTECTED_BY_DEFAULT],
    ['/blog//post', PROTECTED_BY_DEFAULT],
    ['//_next/static/chunk.js', PROTECTED_BY_DEFAULT],
    // Both readings match the admin rule, or the collapsed one is the stricter.
    ['/admin//users', ADMIN],
    ['//admin', ADMIN],
  ])('%s', (path, expected) => {
    expect(route(policy, path)).toEqual(expected);
  });

  it('reports the collapsed canonical path', () => {
    expect(policy.resolve('//blog/post')).toMatchObject({ route: { canonicalPath: '/blog/post' } });
  });
});

describe('encoded slashes: also read as separators, the stricter wins', () => {
  const policy = createRoutePolicy({ ...options, caseSensitive: true });
  it.each([
    // Next.js serves `/admin%2Fusers` by its static `/admin/users` page (looked up decoded).
    ['/admin%2Fusers', ADMIN],
    ['/x/..%2Fadmin', null],
    ['/blog/a%2Fb', PROTECTED_BY_DEFAULT],
    ['/blog%2F%2Fpost', PROTECTED_BY_DEFAULT],
    // A literal percent sign is `%25`: `%252F` is text, not a slash.
    ['/blog/a%252Fb', { access: 'public', verify: 'claims', session: true, ruleIndex: 1, pattern: '/blog/*' }],
  ])('%s', (path, expected) => {
    if (expected === null) expect(policy.resolve(path)).toEqual({ kind: 'malformed', reason: 'hidden_dot_segment' });
    else expect(route(policy, path)).toEqual(expected);
  });
});

describe('escapes a browser never sends: also read as sent, the stricter wins', () => {
  const policy = createRoutePolicy({ ...options, caseSensitive: true });
  it.each([
    // Next.js matches `/bl%6Fg/post` against its dynamic routes as sent: its catch-all, not the blog.
    ['/bl%6Fg/post', PROTECTED_BY_DEFAULT],
    ['/_next/st%61tic/chunk.js', PROTECTED_BY_DEFAULT],
    // Decoded it is the admin path; as sent it is no rule's: both protected, the stricter (user) wins.
    ['/%61dmin', ADMIN],
    // Escapes browsers do send (non-ASCII, space) read the same both ways.
    ['/blog/caf%C3%A9', { access: 'public', verify: 'claims', session: true, ruleIndex: 1, pattern: '/blog/*' }],
    ['/blog/a%20b', { access: 'public', verify: 'claims', session: true, ruleIndex: 1, pattern: '/blog/*' }],
  ])('%s', (path, expected) => {
    expect(route(policy, path)).toEqual(expected);
  });
});
