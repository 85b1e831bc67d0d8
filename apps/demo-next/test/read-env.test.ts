// The environment → options mapping: the NEXT_PUBLIC_ names, the mock's knobs, and refusals.
import { describe, expect, it } from 'vitest';
import { readEnv } from '../src/read-env.js';

describe('readEnv', () => {
  it('uses the embedded mock when nothing is set', () => {
    expect(readEnv({})).toEqual({ mock: {} });
  });

  it('reads the server names, or the NEXT_PUBLIC_ names', () => {
    expect(readEnv({ SUPABASE_URL: 'https://x.supabase.co', SUPABASE_ANON_KEY: 'k', PORT: '0', HOST: '::1' })).toMatchObject({
      port: 0,
      host: '::1',
      supabase: { url: 'https://x.supabase.co', anonKey: 'k' },
    });
    expect(readEnv({ NEXT_PUBLIC_SUPABASE_URL: 'https://y.supabase.co', NEXT_PUBLIC_SUPABASE_ANON_KEY: 'p' }).supabase).toEqual({ url: 'https://y.supabase.co', anonKey: 'p' });
  });

  it('reads the mock settings', () => {
    expect(readEnv({ MOCK_TOKEN_LIFETIME: '30', DEMO_EMAIL: 'a@example.com', DEMO_PASSWORD: 'pw-123456' }).mock).toEqual({ tokenLifetimeSeconds: 30, email: 'a@example.com', password: 'pw-123456' });
  });

  it('refuses half a configuration and bad numbers', () => {
    expect(() => readEnv({ SUPABASE_URL: 'https://x.supabase.co' })).toThrow(/both/);
    expect(() => readEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readEnv({ MOCK_TOKEN_LIFETIME: '5' })).toThrow(/MOCK_TOKEN_LIFETIME/);
  });
});
