import { describe, expect, it } from 'vitest';
import { createCookiePlan, type CookieAttributes } from '../cookies/cookie-write.js';
import { ATTRIBUTES } from './test-support/cookie-instance.js';
import { writeCookies, type CookieStoreOptions } from './cookie-store.js';

function recordingStore() {
  const calls: [string, string, CookieStoreOptions][] = [];
  return { calls, set: (name: string, value: string, options: CookieStoreOptions) => calls.push([name, value, options]) };
}

describe('writeCookies', () => {
  it("writes each of the plan's cookies in order, deletions as Max-Age=0, host-only without a domain key", () => {
    const plan = createCookiePlan(
      [{ name: 'old', value: 'x' }],
      [
        { name: 'session', value: 'v', attributes: ATTRIBUTES },
        { name: 'old', value: '', attributes: { ...ATTRIBUTES, maxAge: 0 } },
      ],
    );
    const store = recordingStore();
    writeCookies(store, plan.writes);
    expect(store.calls).toEqual([
      ['session', 'v', { path: '/', sameSite: 'lax', secure: true, httpOnly: false, maxAge: 3600 }],
      ['old', '', { path: '/', sameSite: 'lax', secure: true, httpOnly: false, maxAge: 0 }],
    ]);
    expect(store.calls.every(([, , options]) => !('domain' in options))).toBe(true);
  });

  it('passes a domain on, and nothing a write object carries beyond the attributes', () => {
    const attributes = { ...ATTRIBUTES, domain: '.example.test', internal: 'not for the store' } as CookieAttributes;
    const store = recordingStore();
    writeCookies(store, [{ name: 'session', value: 'v', attributes }]);
    expect(store.calls[0]?.[2]).toEqual({ path: '/', domain: '.example.test', sameSite: 'lax', secure: true, httpOnly: false, maxAge: 3600 });
  });
});
