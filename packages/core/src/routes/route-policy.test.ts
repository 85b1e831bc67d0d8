import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRoutePolicy, type RoutePolicyOptions } from './route-policy.js';
import type { RouteAccess, VerifyMode } from './route-rule.js';

const options: RoutePolicyOptions = {
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
const policy = createRoutePolicy(options);

type Expected = { access: RouteAccess; verify: VerifyMode; session: boolean; ruleIndex: number | null; pattern: string | null };
const PROTECTED_BY_DEFAULT: Expected = { access: 'protected', verify: 'claims', session: true, ruleIndex: null, pattern: null };
const ADMIN: Expected = { access: 'protected', verify: 'user', session: true, ruleIndex: 4, pattern: '/admin/**' };

describe('resolve: rule table', () => {
  const cases: [raw: string, expected: Expected, canonicalPath: string][] = [
    ['/', { access: 'public', verify: 'claims', session: true, ruleIndex: 1, pattern: '/' }, '/'],
    ['/api/health', { access: 'public', verify: 'claims', session: true, ruleIndex: 1, pattern: '/api/health' }, '/api/health'],
    ['/api/health/x', PROTECTED_BY_DEFAULT, '/api/health/x'],
    ['/api/healthz', PROTECTED_BY_DEFAULT, '/api/healthz'],
    ['/api/webhooks', { access: 'public', verify: 'claims', session: true, ruleIndex: 1, pattern: '/api/webhooks/**' }, '/api/webhooks'],
    ['/api/webhooks/stripe/x', { access: 'public', verify: 'claims', session: true, ruleIndex: 1, pattern: '/api/webhooks/**' }, '/api/webhooks/stripe/x'],
    ['/api/webhooksx', PROTECTED_BY_DEFAULT, '/api/webhooksx'],
    ['/blog/post', { access: 'public', verify: 'claims', session: true, ruleIndex: 1, pattern: '/blog/*' }, '/blog/post'],
    ['/blog', PROTECTED_BY_DEFAULT, '/blog'],
    ['/blog/a/b', PROTECTED_BY_DEFAULT, '/blog/a/b'],
    ['/pricing', { access: 'public', verify: 'claims', session: false, ruleIndex: 2, pattern: '/pricing' }, '/pricing'],
    ['/_next/static/chunk.js', { access: 'ignore', verify: 'claims', session: false, ruleIndex: 0, pattern: '/_next/static/**' }, '/_next/static/chunk.js'],
    ['/signup', { access: 'authPage', verify: 'claims', session: true, ruleIndex: 3, pattern: '/signup' }, '/signup'],
    ['/login', { access: 'authPage', verify: 'claims', session: true, ruleIndex: null, pattern: '/login' }, '/login'],
    ['/login/', { access: 'authPage', verify: 'claims', session: true, ruleIndex: null, pattern: '/login' }, '/login'],
    ['/login-admin', PROTECTED_BY_DEFAULT, '/login-admin'],
    ['/loginx', PROTECTED_BY_DEFAULT, '/loginx'],
    ['/login/x', PROTECTED_BY_DEFAULT, '/login/x'],
    ['/auth/callback', { access: 'public', verify: 'claims', session: true, ruleIndex: null, pattern: '/auth/callback' }, '/auth/callback'],
    ['/admin', ADMIN, '/admin'],
    ['/admin/users/1', ADMIN, '/admin/users/1'],
    ['/hints/x', { access: 'protected', verify: 'session', session: true, ruleIndex: 5, pattern: '/hints/**' }, '/hints/x'],
    ['/dashboard', PROTECTED_BY_DEFAULT, '/dashboard'],
    // Case-sensitive: a differently-cased path matches no public rule and is denied by default.
    ['/API/health', PROTECTED_BY_DEFAULT, '/API/health'],
    ['/Blog/post', PROTECTED_BY_DEFAULT, '/Blog/post'],
  ];
  it.each(cases)('%j', (raw, expected, canonicalPath) => {
    expect(policy.resolve(raw)).toEqual({ kind: 'matched', route: { ...expected, canonicalPath } });
  });

  it('is case-sensitive: /Dashboard is protected when /dashboard is public', () => {
    const p = createRoutePolicy({ rules: [{ match: '/dashboard', access: 'public' }], defaultVerify: 'claims', loginPath: '/login' });
    expect(p.resolve('/dashboard')).toMatchObject({ kind: 'matched', route: { access: 'public' } });
    expect(p.resolve('/Dashboard')).toMatchObject({ kind: 'matched', route: { access: 'protected', ruleIndex: null } });
    expect(p.resolve('/DASHBOARD/')).toMatchObject({ kind: 'matched', route: { access: 'protected', ruleIndex: null } });
  });
});

describe('resolve: bypass attempts on /admin never come out public', () => {
  const attempts = [
    '/admin', '//admin', '/admin/', '/admin//', '/./admin', '/%2e/admin', '/x/../admin', '/x/%2e%2e/admin',
    '/x/%2E%2E/admin', '/x/.%2e/admin', '/blog/../admin', '/blog/%2e%2e/admin', '/api/webhooks/../../admin',
    '/api/webhooks/%2e%2e/%2e%2e/admin/users', '/%61dmin', '/adm%69n/users', '/%61%64%6d%69%6e', '/../admin',
    '/admin/..;/', '/blog/..;/admin', '/api/webhooks/..;/../admin', '/blog/..%2Fadmin', '/blog/%2e%2e%2fadmin',
    '/blog/..\\admin', '/blog/..%5Cadmin', '/api/webhooks//../admin', '/blog/x//../../admin', '/admin%00',
    '/admin%0a', '/%C0%AE%C0%AE/admin', '/admin%', '/admin;', '/admin;/users', '/ADMIN', '/Admin/users',
    '/admin%2fusers', '/admin%252fusers', '/%252e%252e/admin', '/admin/%2e', '/_next/static/../../admin',
    '/_next/static/..;/admin', '/_next/static/%2e%2e/%2e%2e/admin',
  ];
  it.each(attempts)('%j', (raw) => {
    const decision = policy.resolve(raw);
    if (decision.kind === 'matched') {
      expect(decision.route.access).toBe('protected');
      // When it reaches /admin itself, it carries the admin rule's stronger verify mode.
      if (decision.route.canonicalPath === '/admin' || decision.route.canonicalPath.startsWith('/admin/')) {
        expect(decision.route.verify).toBe('user');
      }
    } else {
      expect(decision.kind).toBe('malformed');
    }
  });

  it.each([
    ['/%', 'bad_encoding'],
    ['/%zz', 'bad_encoding'],
    ['/%C0%AF', 'bad_encoding'],
    ['/%FF', 'bad_encoding'],
    ['/%00', 'control_character'],
    ['/%0a', 'control_character'],
    ['/dashboard/..;/admin', 'dot_segment_parameter'],
    ['/' + 'a'.repeat(9000), 'too_long'],
    ['admin', 'not_absolute'],
  ])('%j is malformed (%s), never a pass', (raw, reason) => {
    expect(policy.resolve(raw)).toEqual({ kind: 'malformed', reason });
  });
});

describe('resolve: basePath and trailing slash', () => {
  const based = createRoutePolicy({
    rules: [{ match: '/', access: 'public' }, { match: '/guide/**', access: 'public' }],
    defaultVerify: 'user',
    loginPath: '/login',
    basePath: '/docs',
  });
  it.each([
    ['/docs', 'public', '/'],
    ['/docs/', 'public', '/'],
    ['/docs/guide/intro', 'public', '/guide/intro'],
    ['/docs/login', 'authPage', '/login'],
    ['/docsx', 'protected', '/docsx'],
    ['/admin', 'protected', '/admin'],
    // Outside the basePath a path is matched as it is: only a rule covering it makes it public.
    ['/guide/intro', 'public', '/guide/intro'],
    ['/docs/../guide/intro', 'public', '/guide/intro'],
    ['/docs/%2e%2e/admin', 'protected', '/admin'],
    ['/docs/../docs/guide', 'public', '/guide'],
  ])('basePath /docs: %j → %s at %j', (raw, access, canonicalPath) => {
    expect(based.resolve(raw)).toMatchObject({ kind: 'matched', route: { access, canonicalPath } });
  });

  const strict = createRoutePolicy({
    rules: [{ match: '/blog/', access: 'public' }, { match: '/about', access: 'public' }],
    defaultVerify: 'claims',
    loginPath: '/login',
    trailingSlash: 'strict',
  });
  it.each([
    ['/blog/', 'public'],
    ['/blog', 'protected'],
    ['/blog//', 'public'],
    ['/about', 'public'],
    ['/about/', 'protected'],
    ['/login', 'authPage'],
    ['/login/', 'protected'],
  ])('strict trailing slash: %j → %s', (raw, access) => {
    expect(strict.resolve(raw)).toMatchObject({ kind: 'matched', route: { access } });
  });
});

describe('resolve: RegExp and predicate patterns', () => {
  it('tests a RegExp against the canonical path', () => {
    const p = createRoutePolicy({
      rules: [{ match: /^\/p\/[0-9]+$/, access: 'public' }],
      defaultVerify: 'claims',
      loginPath: '/login',
    });
    expect(p.resolve('/p/%31%32')).toMatchObject({ kind: 'matched', route: { access: 'public', pattern: '/^\\/p\\/[0-9]+$/', canonicalPath: '/p/12' } });
    expect(p.resolve('/p/12/../x')).toMatchObject({ kind: 'matched', route: { access: 'protected', ruleIndex: null } });
  });

  it('calls a predicate with the canonical path', () => {
    const seen: string[] = [];
    const p = createRoutePolicy({
      rules: [{ match: (path: string) => (seen.push(path), path === '/open'), access: 'public' }],
      defaultVerify: 'claims',
      loginPath: '/login',
    });
    expect(p.resolve('/x/../%6Fpen/')).toMatchObject({ kind: 'matched', route: { access: 'public' } });
    expect(seen).toContain('/open');
  });

  it.each([
    ['throws', (): boolean => { throw new Error('boom'); }],
    ['returns a non-boolean', ((): unknown => 'yes') as (path: string) => boolean],
  ])('a predicate that %s fails closed: protected, and a later public rule never wins', (_what, predicate) => {
    const p = createRoutePolicy({
      rules: [
        { match: '/login', access: 'authPage' },
        { match: predicate, access: 'protected', verify: 'user' },
        { match: '/**', access: 'public' },
      ],
      defaultVerify: 'claims',
      loginPath: '/login',
    });
    expect(p.resolve('/anything')).toEqual({
      kind: 'matched',
      route: { access: 'protected', verify: 'user', session: true, ruleIndex: null, pattern: null, canonicalPath: '/anything' },
    });
    expect(p.explain('/anything').reason).toMatch(/^rules\[1\] pattern predicate .* protected \(fail closed, verify: user\)$/);
  });
});

describe('explain', () => {
  it('lists the rules tried up to the winner', () => {
    const explanation = policy.explain('/x/%2e%2e/admin/users');
    expect(explanation).toMatchObject({ kind: 'matched', rawPath: '/x/%2e%2e/admin/users', canonicalPath: '/admin/users', route: ADMIN });
    if (explanation.kind !== 'matched') throw new Error('unreachable');
    expect(explanation.tried.map((t) => [t.rule, t.result])).toEqual([
      ['rules[0]', 'no_match'],
      ['rules[1]', 'no_match'],
      ['rules[2]', 'no_match'],
      ['rules[3]', 'no_match'],
      ['rules[4]', 'matched'],
    ]);
    expect(explanation.tried[1]?.patterns).toEqual(['/', '/api/health', '/api/webhooks/**', '/blog/*']);
    expect(explanation.reason).toBe('matched rules[4] (protected, verify: user) by pattern "/admin/**"');
  });

  it.each([
    ['/dashboard', 'no rule matched: protected by default (deny by default, verify: claims)'],
    ['/login', 'matched the implicit authPage rule for loginPath (authPage, signed-in users are sent on, verify: claims) by pattern "/login"'],
    ['/auth/callback', 'matched the implicit public rule implicitPublic[0] (public, verify: claims) by pattern "/auth/callback"'],
    ['/pricing', 'matched rules[2] (public, session not read) by pattern "/pricing"'],
    ['/_next/static/a.js', 'matched rules[0] (ignore, no session work) by pattern "/_next/static/**"'],
    ['/%zz', 'malformed path (bad_encoding): rejected with 400 before any rule is tried'],
  ])('%j → %j', (raw, reason) => {
    expect(policy.explain(raw).reason).toBe(reason);
  });

  it('tries every rule, implicit ones included, before denying by default', () => {
    const explanation = policy.explain('/dashboard');
    expect(explanation.tried).toHaveLength(options.rules.length + 2);
    expect(explanation.tried.every((t) => t.result === 'no_match')).toBe(true);
  });

  it('agrees with resolve', () => {
    for (const raw of ['/', '/admin', '/%zz', '/login', '/blog/x', '/nope']) {
      const explanation = policy.explain(raw);
      const decision = policy.resolve(raw);
      if (decision.kind === 'malformed') expect(explanation).toMatchObject({ kind: 'malformed', malformed: decision.reason });
      else expect(explanation).toMatchObject({ kind: 'matched', route: decision.route });
    }
  });
});

describe('resolve: properties', () => {
  it('never throws, and answers matched or malformed', () => {
    const segment = fc.oneof(fc.string(), fc.constantFrom('..', '.', '%2e%2e', '..;', '%2F', '%', 'admin', 'blog', '%C0%AF'));
    const raw = fc.oneof(fc.string(), fc.array(segment, { maxLength: 8 }).map((s) => `/${s.join('/')}`));
    fc.assert(
      fc.property(raw, (path) => {
        const decision = policy.resolve(path);
        expect(['matched', 'malformed']).toContain(decision.kind);
        expect(policy.explain(path).kind).toBe(decision.kind);
      }),
      { numRuns: 2000 },
    );
  });

  it('a path whose canonical form is under /admin always resolves to protected with verify user', () => {
    const segment = fc.constantFrom('admin', 'blog', 'api', 'webhooks', '..', '.', '%2e%2e', '%2E', '', '%61dmin', 'x', '_next', 'static');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const decision = policy.resolve(`/${segments.join('/')}`);
        if (decision.kind !== 'matched') return;
        const { canonicalPath } = decision.route;
        if (canonicalPath === '/admin' || canonicalPath.startsWith('/admin/')) {
          expect(decision.route).toMatchObject({ access: 'protected', verify: 'user' });
        }
      }),
      { numRuns: 3000 },
    );
  });
});
