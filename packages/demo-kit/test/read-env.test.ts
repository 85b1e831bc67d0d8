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
