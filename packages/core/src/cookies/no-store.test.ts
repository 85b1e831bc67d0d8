import { describe, expect, it } from 'vitest';
import { NO_STORE_HEADERS } from './no-store.js';

describe('NO_STORE_HEADERS', () => {
  it('is the @supabase/ssr set plus Vary: Cookie, frozen', () => {
    expect([...new Headers(NO_STORE_HEADERS.map(([k, v]) => [k, v]))]).toEqual([
      ...new Headers({
        'cache-control': 'private, no-cache, no-store, must-revalidate, max-age=0',
        expires: '0',
        pragma: 'no-cache',
        vary: 'Cookie',
      }),
    ]);
    expect(Object.isFrozen(NO_STORE_HEADERS) && NO_STORE_HEADERS.every((h) => Object.isFrozen(h))).toBe(true);
  });
});
