import { describe, expect, it } from 'vitest';
import type { LockstepEvent } from '../events.js';
import { createLockstep } from '../lockstep.js';
import type { LockstepOptions } from '../options.js';

const BASE = { supabaseUrl: 'https://abcdefgh.supabase.co', supabaseKey: 'anon-key' } as const;
const jwt = (payload: object): string => ['e30', Buffer.from(JSON.stringify(payload)).toString('base64url'), 'sig'].join('.');

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
    ['cookies.name empty', { cookies: { name: '' } }, 'ERR_CONFIG_COOKIE'],
    ['cookies.name a;b', { cookies: { name: 'a;b' } }, 'ERR_CONFIG_COOKIE'],
    ['cookies.encoding unknown', { cookies: { encoding: 'base64' } }, 'ERR_CONFIG_COOKIE'],
    ['jwt.secret too short', { jwt: { secret: 'short' } }, 'ERR_CONFIG_INVALID'],
    ['a service_role JWT as the key', { supabaseKey: jwt({ role: 'service_role', iss: 'supabase' }) }, 'ERR_CONFIG_INVALID'],
    ['an sb_secret_ key', { supabaseKey: 'sb_secret_abc123' }, 'ERR_CONFIG_INVALID'],
    ['supabaseUrl with a path', { supabaseUrl: 'https://abcdefgh.supabase.co/auth/v1' }, 'ERR_CONFIG_URL'],
    ['provider together with supabaseUrl', { provider: () => ({}) }, 'ERR_CONFIG_INVALID'],
    ['an unknown key', { route: [] }, 'ERR_CONFIG_INVALID'],
    ['an unknown jwt key', { jwt: { issuerr: 'x' } }, 'ERR_CONFIG_INVALID'],
  ])('%s', (_name, overrides, code) => {
    expect(refusal({ ...BASE, ...overrides })?.code).toBe(code);
  });

  it('suggests the option a typo meant', () => {
    expect(refusal({ ...BASE, verfiy: 'user' })?.message).toContain('did you mean "verify"?');
    expect(refusal({ ...BASE, route: [] })?.message).toContain('did you mean "routes"?');
    expect(refusal({ ...BASE, zzzzzzzz: 1 })?.message).not.toContain('did you mean');
  });

  it('never quotes a secret in its message', () => {
    expect(refusal({ ...BASE, jwt: { secret: 'hunter2-secret' } })?.message).not.toContain('hunter2');
    expect(refusal({ ...BASE, supabaseKey: 'sb_secret_abc123' })?.message).not.toContain('abc123');
  });

  it('accepts the publishable key forms and plain local targets', () => {
    for (const supabaseKey of ['anon-key', 'sb_publishable_abc', jwt({ role: 'anon', iss: 'supabase' })]) {
      expect(refusal({ ...BASE, supabaseKey, afterSignInPath: '/dashboard?tab=1', cookies: { name: 'my-auth.token' }, jwt: { secret: 'x'.repeat(32) } })).toBeNull();
    }
    expect(refusal({ ...BASE, supabaseUrl: 'https://abcdefgh.supabase.co/' })).toBeNull();
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
