import { createClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { supabaseStorageKey } from './storage-key.js';

/** The storage key supabase-js itself picks (read off the auth client's settings). */
function upstreamKey(url: string): string {
  const client = createClient(url, 'sb_publishable_test', { auth: { persistSession: false } });
  return (client.auth as unknown as { storageKey: string }).storageKey;
}

describe('supabaseStorageKey', () => {
  it.each([
    ['https://abcdefgh.supabase.co', 'sb-abcdefgh-auth-token'],
    ['http://127.0.0.1:54321', 'sb-127-auth-token'],
    ['http://localhost:54321/', 'sb-localhost-auth-token'],
    ['  HTTPS://Proj.Example.COM/base  ', 'sb-proj-auth-token'],
    ['http://[::1]:54321', 'sb-[::1]-auth-token'],
  ])('%s → %s, as supabase-js derives it', (url, expected) => {
    expect(supabaseStorageKey(url)).toBe(expected);
    expect(upstreamKey(url)).toBe(expected);
    expect(supabaseStorageKey(new URL(url.trim()))).toBe(expected);
  });

  it.each(['', 'abcdefgh.supabase.co', 'ftp://x.y', 'https://'])('%j → ERR_CONFIG_URL', (url) => {
    expect(() => supabaseStorageKey(url)).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_URL' }));
  });
});
