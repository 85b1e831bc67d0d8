// Tests — Segment globs: matching tables, compilation errors and the inclusion check behind shadow detection.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalizePath } from './canonical-path.js';
import { globCovers } from './glob-inclusion.js';
import { compileSegmentGlob, matchSegmentGlob, splitCanonicalPath } from './segment-glob.js';
import { expectLockstepError } from './test-support/expect-lockstep-error.js';

const matches = (pattern: string, path: string, trailingSlash: 'ignore' | 'strict' = 'ignore'): boolean =>
  matchSegmentGlob(compileSegmentGlob(pattern, trailingSlash), splitCanonicalPath(path));

describe('matchSegmentGlob', () => {
  const cases: [pattern: string, path: string, expected: boolean][] = [
    ['/login', '/login', true],
    ['/login', '/login-admin', false],
    ['/login', '/loginx', false],
    ['/login', '/login/x', false],
    ['/login', '/', false],
    ['/', '/', true],
    ['/', '/x', false],
    ['/blog/*', '/blog/a', true],
    ['/blog/*', '/blog', false],
    ['/blog/*', '/blog/a/b', false],
    ['/blog/*', '/blogx/a', false],
    ['/blog/*/edit', '/blog/a/edit', true],
    ['/blog/*/edit', '/blog/edit', false],
    ['/api/webhooks/**', '/api/webhooks', true],
    ['/api/webhooks/**', '/api/webhooks/a', true],
    ['/api/webhooks/**', '/api/webhooks/a/b', true],
    ['/api/webhooks/**', '/api/webhooksx', false],
    ['/api/webhooks/**', '/api/webhooksx/a', false],
    ['/api/webhooks/**', '/api', false],
    ['/**', '/', true],
    ['/**', '/anything/at/all', true],
    ['/**/edit', '/edit', true],
    ['/**/edit', '/a/b/edit', true],
    ['/**/edit', '/a/b/edit/x', false],
    ['/a/**/b/**/c', '/a/b/c', true],
    ['/a/**/b/**/c', '/a/x/b/y/z/c', true],
    ['/a/**/b/**/c', '/a/x/y/c', false],
    ['/a/**/**/b', '/a/b', true],
    ['/*/settings', '/team/settings', true],
    ['/dash%62oard', '/dashboard', true],
    ['/files/a%2Fb', '/files/a%2Fb', true],
    ['/files/a%2Fb', '/files/a/b', false],
    ['/files/%2A', '/files/*', true],
    ['/files/%2A', '/files/x', false],
    ['/Dashboard', '/dashboard', false],
  ];
  it.each(cases)('%j vs %j → %s', (pattern, path, expected) => {
    expect(matches(pattern, path)).toBe(expected);
  });

  const strictCases: [pattern: string, path: string, expected: boolean][] = [
    ['/blog', '/blog/', false],
    ['/blog/', '/blog/', true],
    ['/blog/', '/blog', false],
    ['/blog/*', '/blog/a/', false],
    ['/blog/*/', '/blog/a/', true],
    ['/blog/**', '/blog/', true],
    ['/blog/**', '/blog/a/', true],
  ];
  it.each(strictCases)('strict: %j vs %j → %s', (pattern, path, expected) => {
    expect(matches(pattern, path, 'strict')).toBe(expected);
  });

  it('stays linear on many globstars against a long path', () => {
    const pattern = '/' + Array.from({ length: 40 }, () => '**/x').join('/') + '/y';
    const path = '/' + Array.from({ length: 4000 }, () => 'x').join('/');
    const started = performance.now();
    expect(matches(pattern, path)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('a path matched by "<prefix>/**" is the prefix or lies under it at a segment boundary', () => {
    const segment = fc.constantFrom('a', 'b', 'ab', 'a%2Fb', '..', '.', '%2e%2e', '', 'a;b', '%61');
    const path = fc.array(segment, { maxLength: 6 }).map((s) => `/${s.join('/')}`);
    const prefix = fc.array(fc.constantFrom('a', 'b', 'ab'), { minLength: 1, maxLength: 3 }).map((s) => `/${s.join('/')}`);
    fc.assert(
      fc.property(prefix, path, (base, raw) => {
        const canonical = canonicalizePath(raw);
        if (canonical.kind === 'malformed') return;
        if (!matches(`${base}/**`, canonical.path)) return;
        expect(canonical.path === base || canonical.path.startsWith(`${base}/`)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('compileSegmentGlob', () => {
  it.each([
    ['/dash%62oard/**', '/dashboard/**'],
    ['//a//b/', '/a/b'],
    ['/a/**/**/b', '/a/**/b'],
    ['/', '/'],
    ['/files/%2A', '/files/%2A'],
  ])('canonicalizes %j to %j', (pattern, canonical) => {
    expect(compileSegmentGlob(pattern, 'ignore').canonical).toBe(canonical);
  });

  it.each(['login', '', '/a*b', '/blog*', '/***', '/%zz', '/%C0%AF', '/a/../b', '/a/./b', '/..;/x', '/a%2F..', '/%00'])(
    'rejects %j with ERR_CONFIG_PATTERN naming it',
    (pattern) => {
      const error = expectLockstepError(() => compileSegmentGlob(pattern, 'ignore'), 'ERR_CONFIG_PATTERN');
      expect(error.message).toContain(JSON.stringify(pattern));
    },
  );
});

describe('globCovers', () => {
  const covers = (outer: string, inner: string, trailingSlash: 'ignore' | 'strict' = 'ignore'): boolean =>
    globCovers(compileSegmentGlob(outer, trailingSlash).tokens, compileSegmentGlob(inner, trailingSlash).tokens);

  const cases: [outer: string, inner: string, expected: boolean][] = [
    ['/admin/**', '/admin/users', true],
    ['/admin/**', '/admin', true],
    ['/admin/**', '/admin/*/edit', true],
    ['/admin/**', '/admin/**', true],
    ['/admin/**', '/admin/x/**', true],
    ['/admin/**', '/administrators', false],
    ['/admin/**', '/**', false],
    ['/blog/*', '/blog/x', true],
    ['/blog/*', '/blog/*', true],
    ['/blog/*', '/blog/**', false],
    ['/blog/*', '/blog', false],
    ['/blog/x', '/blog/*', false],
    ['/**', '/', true],
    ['/**', '/anything/**/x', true],
    ['/login', '/login', true],
    ['/login', '/login-admin', false],
    ['/*/*', '/a/b', true],
    ['/*/**', '/a', true],
    ['/*/**', '/**', false],
    ['/**/edit', '/a/**/edit', true],
    ['/**/edit', '/a/edit/x', false],
    ['/a/**/c', '/a/b/c', true],
    ['/a/**/c', '/a/b/**/c', true],
    ['/', '/', true],
    ['/', '/**', false],
  ];
  it.each(cases)('%j covers %j → %s', (outer, inner, expected) => {
    expect(covers(outer, inner)).toBe(expected);
  });

  it.each([
    ['/blog/*', '/blog/', false],
    ['/blog/**', '/blog/', true],
    ['/blog/', '/blog/', true],
  ])('strict: %j covers %j → %s', (outer, inner, expected) => {
    expect(covers(outer, inner, 'strict')).toBe(expected);
  });

  it('is sound: when it says covered, every sampled path of the inner glob matches the outer one', () => {
    const token = fc.constantFrom('a', 'b', '*', '**');
    const glob = fc.array(token, { maxLength: 4 }).map((t) => `/${t.join('/')}`);
    const path = fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 6 }).map((s) => `/${s.join('/')}`);
    fc.assert(
      fc.property(glob, glob, path, (outer, inner, sample) => {
        if (!covers(outer, inner) || !matches(inner, sample)) return;
        expect(matches(outer, sample)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
