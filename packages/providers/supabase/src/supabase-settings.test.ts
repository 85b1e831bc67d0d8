import { createLockstep, type LockstepOptions } from '@lockstep/core';
import { parseCookiePairs, resolveCookieAttributes, serializeSetCookie } from '@lockstep/core/cookies';
import { DEFAULT_COOKIE_OPTIONS, parseCookieHeader, serializeCookieHeader } from '@supabase/ssr';
import { describe, expect, it } from 'vitest';
import { supabase } from './supabase.js';
import type { SupabaseLockstepOptions } from './supabase-options.js';
import { createSupabaseLockstep, withSupabase } from './with-supabase.js';

const BASE = { supabaseUrl: 'https://abcdefgh.supabase.co', supabaseKey: 'anon-key' } as const;
const jwt = (payload: object): string => ['e30', Buffer.from(JSON.stringify(payload)).toString('base64url'), 'sig'].join('.');

function refusal(options: Record<string, unknown>): { code: string; message: string } | null {
  try {
    createSupabaseLockstep(options as unknown as SupabaseLockstepOptions);
    return null;
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message };
  }
}

describe('Supabase settings refused at boot', () => {
  it.each([
    ['cookies.name empty', { cookies: { name: '' } }, 'ERR_CONFIG_COOKIE'],
    ['cookies.name a;b', { cookies: { name: 'a;b' } }, 'ERR_CONFIG_COOKIE'],
    ['cookies.encoding unknown', { cookies: { encoding: 'base64' } }, 'ERR_CONFIG_COOKIE'],
    ['jwt.secret too short', { jwt: { secret: 'short' } }, 'ERR_CONFIG_INVALID'],
    ['a service_role JWT as the key', { supabaseKey: jwt({ role: 'service_role', iss: 'supabase' }) }, 'ERR_CONFIG_INVALID'],
    ['an sb_secret_ key', { supabaseKey: 'sb_secret_abc123' }, 'ERR_CONFIG_INVALID'],
    ['supabaseUrl with a path', { supabaseUrl: 'https://abcdefgh.supabase.co/auth/v1' }, 'ERR_CONFIG_URL'],
    ['no supabaseKey', { supabaseKey: undefined }, 'ERR_CONFIG_INVALID'],
    ['a provider besides', { provider: () => ({}) }, 'ERR_CONFIG_INVALID'],
    ['an unknown key', { route: [] }, 'ERR_CONFIG_INVALID'],
    ['an unknown jwt key', { jwt: { issuerr: 'x' } }, 'ERR_CONFIG_INVALID'],
  ])('%s', (_name, overrides, code) => {
    expect(refusal({ ...BASE, ...overrides })?.code).toBe(code);
  });

  it('never quotes a secret in its message', () => {
    expect(refusal({ ...BASE, jwt: { secret: 'hunter2-secret' } })?.message).not.toContain('hunter2');
    expect(refusal({ ...BASE, supabaseKey: 'sb_secret_abc123' })?.message).not.toContain('abc123');
  });

  it('accepts the publishable key forms, a trailing slash and a custom cookie name', () => {
    for (const supabaseKey of ['anon-key', 'sb_publishable_abc', jwt({ role: 'anon', iss: 'supabase' })]) {
      expect(refusal({ ...BASE, supabaseKey, afterSignInPath: '/dashboard?tab=1', cookies: { name: 'my-auth.token' }, jwt: { secret: 'x'.repeat(32) } })).toBeNull();
    }
    expect(refusal({ ...BASE, supabaseUrl: 'https://abcdefgh.supabase.co/' })).toBeNull();
  });
});

describe('the two ways to configure', () => {
  it('withSupabase and provider: supabase() give the same cookie name and settings', () => {
    const oneObject = createSupabaseLockstep({ ...BASE, cookies: { name: 'app-auth', hostPrefix: true } });
    const explicit = createLockstep({ provider: supabase({ ...BASE, cookies: { name: 'app-auth' } }), cookies: { hostPrefix: true } });
    expect(oneObject.config).toEqual(explicit.config);
    expect(oneObject.config.storageKey).toBe('__Host-app-auth');
  });

  it('withSupabase leaves no Supabase key in the engine options', () => {
    const options: LockstepOptions = withSupabase({ ...BASE, jwt: { cacheSize: 10 }, cookies: { name: 'x', encoding: 'raw', httpOnly: true }, loginPath: '/in' });
    expect(Object.keys(options).sort()).toEqual(['cookies', 'loginPath', 'provider']);
    expect(options.cookies).toEqual({ httpOnly: true });
  });

  it('the instance has every Supabase capability', () => {
    const instance = createSupabaseLockstep(BASE);
    expect([typeof instance.signInWithPassword, typeof instance.exchangeCode, typeof instance.dataClient]).toEqual(['function', 'function', 'function']);
  });
});

// The engine reads and writes cookies with `cookie` (jshttp) directly; @supabase/ssr delegates to the
// same library. These pin that the two stay wire-identical.
describe('the engine cookie wire format is @supabase/ssr\'s', () => {
  it('defaults equal DEFAULT_COOKIE_OPTIONS (Secure aside)', () => {
    const { secure: _secure, ...attributes } = resolveCookieAttributes(undefined, new URL('https://app.example.com/'));
    expect(attributes).toEqual({ path: DEFAULT_COOKIE_OPTIONS.path, sameSite: DEFAULT_COOKIE_OPTIONS.sameSite, httpOnly: DEFAULT_COOKIE_OPTIONS.httpOnly, maxAge: DEFAULT_COOKIE_OPTIONS.maxAge });
  });

  it.each([
    'a=1; b=2', 'a=1; a=2', 'sb-x-auth-token.0=base64-eyJ; sb-x-auth-token.1=abc', '0=x; b=%E2%9C%93', 'a=%ZZ; b="quoted"', ' a = 1 ;b=;c', '=novalue; x=1', '',
  ])('parses %j identically', (header) => {
    expect(parseCookiePairs(header)).toEqual(parseCookieHeader(header));
  });

  it('serializes identically', () => {
    const options = { path: '/', sameSite: 'lax', httpOnly: false, maxAge: 100, secure: true } as const;
    expect(serializeSetCookie('sb-x-auth-token', 'base64-e30 ✓', options)).toBe(serializeCookieHeader('sb-x-auth-token', 'base64-e30 ✓', options));
  });
});
