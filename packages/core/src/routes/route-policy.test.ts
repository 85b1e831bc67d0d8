// Tests — createRoutePolicy.resolve: the rule table, case sensitivity, basePath, trailing slash, RegExp and predicates.
import { describe, expect, it } from 'vitest';
import { createRoutePolicy } from './route-policy.js';
import { ADMIN, PROTECTED_BY_DEFAULT, policy, type Expected } from './test-support/example-policy.js';

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
    expect(policy.resolve(raw)).toEqual({ kind: 'matched', route: { ...expected, canonicalPath, requirements: null } });
  });

  it('is case-sensitive: /Dashboard is protected when /dashboard is public', () => {
    const p = createRoutePolicy({ rules: [{ match: '/dashboard', access: 'public' }], defaultVerify: 'claims', loginPath: '/login' });
    expect(p.resolve('/dashboard')).toMatchObject({ kind: 'matched', route: { access: 'public' } });
    expect(p.resolve('/Dashboard')).toMatchObject({ kind: 'matched', route: { access: 'protected', ruleIndex: null } });
    expect(p.resolve('/DASHBOARD/')).toMatchObject({ kind: 'matched', route: { access: 'protected', ruleIndex: null } });
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
    // `/blog//` collapses to `/blog/`, but a router that keeps `//` routes it elsewhere: the stricter reading decides.
    ['/blog//', 'protected'],
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
    expect(p.resolve('/p/x/../12')).toMatchObject({ kind: 'matched', route: { access: 'public', pattern: '/^\\/p\\/[0-9]+$/', canonicalPath: '/p/12' } });
    // Escapes a browser never sends (`%31` for `1`) are also read as sent, as Next.js matches dynamic routes: the stricter wins.
    expect(p.resolve('/p/%31%32')).toMatchObject({ kind: 'matched', route: { access: 'protected', canonicalPath: '/p/12' } });
    expect(p.resolve('/p/12/../x')).toMatchObject({ kind: 'matched', route: { access: 'protected', ruleIndex: null } });
  });

  it('calls a predicate with the canonical path', () => {
    const seen: string[] = [];
    const p = createRoutePolicy({
      rules: [{ match: (path: string) => (seen.push(path), path === '/open'), access: 'public' }],
      defaultVerify: 'claims',
      loginPath: '/login',
    });
    expect(p.resolve('/x/../open/')).toMatchObject({ kind: 'matched', route: { access: 'public' } });
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
      route: { access: 'protected', verify: 'user', session: true, ruleIndex: null, pattern: null, canonicalPath: '/anything', requirements: null },
    });
    expect(p.explain('/anything').reason).toMatch(/^rules\[1\] pattern predicate .* protected \(fail closed, verify: user\)$/);
  });
});
