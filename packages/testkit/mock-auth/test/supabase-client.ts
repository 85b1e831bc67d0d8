// Builds an unmodified supabase-js client for a mock, with in-memory storage and no timers.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';

/** A supabase-js client against `url` with its own memory storage. */
export function clientFor(url: string, key: string, flowType: 'pkce' | 'implicit' = 'pkce'): SupabaseClient {
  const store = new Map<string, string>();
  return createClient(url, key, {
    auth: {
      flowType,
      autoRefreshToken: false,
      detectSessionInUrl: false,
      persistSession: true,
      storage: {
        getItem: (k) => store.get(k) ?? null,
        setItem: (k, v) => void store.set(k, v),
        removeItem: (k) => void store.delete(k),
      },
    },
  });
}

/** Follows redirects by hand (up to 5 hops) and returns the first location outside the mock. */
export async function followToApp(start: string, mockUrl: string): Promise<URL> {
  let location = start;
  for (let hop = 0; hop < 5; hop++) {
    if (!location.startsWith(mockUrl)) return new URL(location);
    const response = await fetch(location, { redirect: 'manual' });
    const next = response.headers.get('location');
    if (next === null) throw new Error(`no redirect from the mock (status ${response.status})`);
    location = next;
  }
  throw new Error('too many redirects');
}
