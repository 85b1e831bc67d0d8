// Tests — C19 bypass attempts: no encoding or dot trick turns /admin public (DESIGN §1 item 7).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policy } from './test-support/example-policy.js';

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
