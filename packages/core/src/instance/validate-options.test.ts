import { describe, expect, it } from 'vitest';
import type { LockstepEvent } from '../events.js';
import { createLockstep } from '../lockstep.js';
import type { LockstepOptions } from '../options.js';

import { stubProvider } from '../session/test-support/stub-provider.js';

// The Supabase provider's own options (URL, key, cookie name, jwt) are tested in @lockstep/supabase.
const BASE = { provider: stubProvider } as const;

function refusal(options: Record<string, unknown>): { code: string; message: string } | null {
  try {
    createLockstep(options as unknown as LockstepOptions);
    return null;
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message };
  }
}

describe('options refused at boot', () => {
  it.each([
    ['afterSignInPath //evil.com', { afterSignInPath: '//evil.com' }, 'ERR_CONFIG_PATH'],
    ['afterSignInPath https://evil.com', { afterSignInPath: 'https://evil.com' }, 'ERR_CONFIG_PATH'],
    ['afterSignInPath javascript:', { afterSignInPath: 'javascript:alert(1)' }, 'ERR_CONFIG_PATH'],
    ['afterSignInPath with a dot segment', { afterSignInPath: '/.//evil.com' }, 'ERR_CONFIG_PATH'],
    ['loginPath /\\evil.com', { loginPath: '/\\evil.com' }, 'ERR_CONFIG_PATH'],
    ['a cookie option the engine does not know', { cookies: { name: 'x' } }, 'ERR_CONFIG_COOKIE'],
    ['supabaseUrl given to the engine', { supabaseUrl: 'https://abcdefgh.supabase.co' }, 'ERR_CONFIG_INVALID'],
    ['a provider that is not a function', { provider: {} }, 'ERR_CONFIG_INVALID'],
    ['a provider that builds nothing', { provider: () => ({}) }, 'ERR_CONFIG_INVALID'],
    ['no provider', { provider: undefined }, 'ERR_CONFIG_INVALID'],
    ['an unknown key', { route: [] }, 'ERR_CONFIG_INVALID'],
  ])('%s', (_name, overrides, code) => {
    expect(refusal({ ...BASE, ...overrides })?.code).toBe(code);
  });

  it('suggests the option a typo meant', () => {
    expect(refusal({ ...BASE, verfiy: 'user' })?.message).toContain('did you mean "verify"?');
    expect(refusal({ ...BASE, route: [] })?.message).toContain('did you mean "routes"?');
    expect(refusal({ ...BASE, zzzzzzzz: 1 })?.message).not.toContain('did you mean');
  });

  it('points Supabase settings at the Supabase provider', () => {
    expect(refusal({ ...BASE, supabaseKey: 'sb_publishable_abc' })?.message).toContain('@lockstep/supabase');
  });

  it('accepts plain local targets', () => {
    expect(refusal({ ...BASE, afterSignInPath: '/dashboard?tab=1', loginPath: '/sign-in' })).toBeNull();
  });
});

describe('one-time warnings', () => {
  it('names a RegExp or predicate rule that lets paths through ahead of protected rules', () => {
    const events: LockstepEvent[] = [];
    createLockstep({
      ...BASE,
      onEvent: (event) => events.push(event),
      routes: [
        { match: /^\/public\//, access: 'public' },
        { match: (path: string) => path.startsWith('/assets'), access: 'ignore' },
        { match: '/admin/**', access: 'protected', verify: 'user' },
        { match: /^\/late\//, access: 'public' },
      ],
    });
    expect(events).toEqual([
      { type: 'config.warning', code: 'opaque_rule_before_protected', rule: 0 },
      { type: 'config.warning', code: 'opaque_rule_before_protected', rule: 1 },
    ]);
  });
});
