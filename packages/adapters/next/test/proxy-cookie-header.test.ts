// The proxy forwards the browser's Cookie header byte for byte unless it writes cookies (issue #12, item 8).
import { createMockLockstep, type MockLockstep } from '@lockstep/contract-tests';
import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { lockstepProxy } from '../src/index.js';

/** What Next's router will hand downstream for the `Cookie` header (the proxy's header override). */
function forwardedCookie(response: Response): string | null {
  expect(response.headers.get('x-middleware-next'), 'the proxy continued').toBe('1');
  const overridden = (response.headers.get('x-middleware-override-headers') ?? '').split(',');
  return overridden.includes('cookie') ? response.headers.get('x-middleware-request-cookie') : null;
}

const request = (path: string, cookie: string): NextRequest => new NextRequest(`http://app.test${path}`, { headers: { accept: 'text/html', cookie } });

describe('the Cookie header the proxy forwards', () => {
  let setup: MockLockstep;
  beforeEach(async () => {
    setup = await createMockLockstep();
  });

  // Repeated names, encoded and raw values, odd spacing: all things a re-serialization would change.
  const OTHERS = 'a=1; a=2; enc=%E2%9C%93%20x; raw=a b; q="quoted"; empty=;flag';

  it('is the original header, untouched, when the session needs no write (signed in)', async () => {
    const cookie = `${OTHERS}; ${await setup.validCookie()}`;
    const response = await lockstepProxy(setup.instance)(request('/dashboard', cookie));
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(forwardedCookie(response)).toBe(cookie);
  });

  it('is the original header on a public page without a session', async () => {
    const response = await lockstepProxy(setup.instance)(request('/', OTHERS));
    expect(forwardedCookie(response)).toBe(OTHERS);
  });

  it('carries the new session after a refresh, and still every other cookie', async () => {
    const expired = await setup.expiredCookie();
    const response = await lockstepProxy(setup.instance)(request('/dashboard', `theme=dark; ${expired}`));
    expect(response.headers.getSetCookie()).toHaveLength(1);
    const forwarded = forwardedCookie(response) ?? '';
    expect(forwarded).not.toBe(`theme=dark; ${expired}`);
    expect(forwarded).toMatch(/^theme=dark; /);
    expect(forwarded).toContain(`${setup.instance.config.storageKey}=base64-`);
  });
});
