// Tests — explain(): the rules tried and the one-line reason a developer reads.
import { describe, expect, it } from 'vitest';
import { ADMIN, options, policy } from './test-support/example-policy.js';

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
