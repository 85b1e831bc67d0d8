// readEnv: the environment becomes DemoOptions, and half or invalid configuration stops the start.
import { describe, expect, it } from 'vitest';
import { readEnv } from '../src/read-env.js';

describe('readEnv', () => {
  it('with nothing set, uses the embedded mock with its defaults', () => {
    expect(readEnv({})).toEqual({ mock: {} });
  });

  it('reads the port, host, project and mock settings', () => {
    expect(
      readEnv({ PORT: '0', HOST: '::1', SUPABASE_URL: 'https://abc.supabase.co', SUPABASE_ANON_KEY: 'anon', SUPABASE_JWT_SECRET: 's', MOCK_TOKEN_LIFETIME: '30', DEMO_EMAIL: 'a@b.c', DEMO_PASSWORD: 'pw1234' }),
    ).toEqual({
      port: 0,
      host: '::1',
      supabase: { url: 'https://abc.supabase.co', anonKey: 'anon', jwtSecret: 's' },
      mock: { tokenLifetimeSeconds: 30, email: 'a@b.c', password: 'pw1234' },
    });
  });

  it('treats empty values as unset', () => {
    expect(readEnv({ PORT: '', SUPABASE_URL: ' ', SUPABASE_ANON_KEY: '' })).toEqual({ mock: {} });
  });

  it('reads a fallback name where the first name is unset or blank, and only there', () => {
    const fallbacks = { SUPABASE_URL: 'NEXT_PUBLIC_SUPABASE_URL', SUPABASE_ANON_KEY: 'NEXT_PUBLIC_SUPABASE_ANON_KEY' };
    expect(readEnv({ NEXT_PUBLIC_SUPABASE_URL: 'https://y.supabase.co', SUPABASE_ANON_KEY: ' ', NEXT_PUBLIC_SUPABASE_ANON_KEY: 'p' }, { fallbacks }).supabase).toEqual({
      url: 'https://y.supabase.co',
      anonKey: 'p',
    });
    expect(readEnv({ SUPABASE_URL: 'https://x.supabase.co', NEXT_PUBLIC_SUPABASE_URL: 'https://y.supabase.co', SUPABASE_ANON_KEY: 'k' }, { fallbacks }).supabase).toEqual({
      url: 'https://x.supabase.co',
      anonKey: 'k',
    });
    expect(readEnv({ NEXT_PUBLIC_SUPABASE_URL: 'https://y.supabase.co', NEXT_PUBLIC_SUPABASE_ANON_KEY: 'p' })).toEqual({ mock: {} });
  });

  it.each([
    [{ SUPABASE_URL: 'https://abc.supabase.co' }, /both SUPABASE_URL and SUPABASE_ANON_KEY/],
    [{ SUPABASE_ANON_KEY: 'anon' }, /both SUPABASE_URL and SUPABASE_ANON_KEY/],
    [{ PORT: '3000.5' }, /PORT must be an integer/],
    [{ PORT: '70000' }, /PORT must be an integer/],
    [{ MOCK_TOKEN_LIFETIME: '5' }, /MOCK_TOKEN_LIFETIME must be an integer/],
  ])('refuses %o', (env, message) => {
    expect(() => readEnv(env)).toThrow(message);
  });
});
