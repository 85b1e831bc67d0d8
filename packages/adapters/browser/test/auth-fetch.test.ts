// createAuthFetch in one tab, with an injected fetch: single flight, one retry, redirect only on rejection.
import { describe, expect, it } from 'vitest';
import { createAuthFetch } from '../src/index.js';

const ORIGIN = 'http://app.test';

interface ServerOptions {
  readonly apiAlways401?: boolean;
  /** The refresh is answered only once this many API calls arrived: every concurrent caller has its 401 first. */
  readonly concurrent?: number;
}

/** A fake server: `/api/*` answers 401 until a refresh succeeded; `/auth/refresh` answers `refreshStatus`. */
function fakeServer(refreshStatus: number | 'throw', options: ServerOptions = {}) {
  let valid = false;
  const calls = { api: 0, refresh: 0 };
  let allArrived = (): void => undefined;
  const arrived = new Promise<void>((resolve) => (allArrived = resolve));
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    if (path === '/auth/refresh') {
      calls.refresh++;
      await arrived;
      // A zero-delay task runs after every pending microtask: the last caller has joined the flight.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (refreshStatus === 'throw') throw new TypeError('fetch failed');
      if (refreshStatus === 204) valid = true;
      return new Response(null, { status: refreshStatus });
    }
    calls.api++;
    if (calls.api >= (options.concurrent ?? 1)) allArrived();
    return valid && options.apiAlways401 !== true ? Response.json({ ok: true }) : Response.json({ error: 'unauthorized' }, { status: 401 });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

function setup(refreshStatus: number | 'throw', options: ServerOptions = {}) {
  const server = fakeServer(refreshStatus, options);
  const redirects: string[] = [];
  const authFetch = createAuthFetch({
    refreshUrl: `${ORIGIN}/auth/refresh`,
    loginUrl: `${ORIGIN}/login`,
    fetch: server.fetch,
    locks: null,
    channelName: `test-${Math.random()}`,
    redirect: (url) => redirects.push(url),
  });
  return { ...server, redirects, authFetch };
}

describe('createAuthFetch', () => {
  it('10 concurrent 401s → one refresh, every request retried once and succeeding', async () => {
    const { authFetch, calls } = setup(204, { concurrent: 10 });
    const responses = await Promise.all(Array.from({ length: 10 }, () => authFetch(`${ORIGIN}/api/data`)));
    expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 10 }, () => 200));
    expect(calls).toEqual({ api: 20, refresh: 1 });
  });

  it('a 401 after the refresh: retried once, then returned — no loop, no redirect', async () => {
    const { authFetch, calls, redirects } = setup(204, { apiAlways401: true });
    const response = await authFetch(`${ORIGIN}/api/data`);
    expect(response.status).toBe(401);
    expect(calls).toEqual({ api: 2, refresh: 1 });
    expect(redirects).toEqual([]);
  });

  it('a step-up 401 (RFC 9470) goes to the caller as it is: no refresh, no retry, no login redirect', async () => {
    const redirects: string[] = [];
    let calls = 0;
    const fetch = (async () => {
      calls++;
      return Response.json({ error: 'unauthorized', reason: 'insufficient_user_authentication', requirement: 'aal' }, {
        status: 401,
        headers: { 'WWW-Authenticate': 'Bearer realm="lockstep", error="insufficient_user_authentication", acr_values="aal2"' },
      });
    }) as typeof globalThis.fetch;
    const authFetch = createAuthFetch({ refreshUrl: `${ORIGIN}/auth/refresh`, loginUrl: `${ORIGIN}/login`, fetch, locks: null, channelName: `test-${Math.random()}`, redirect: (url) => redirects.push(url) });
    const response = await authFetch(`${ORIGIN}/api/billing`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ requirement: 'aal' });
    expect(calls).toBe(1);
    expect(redirects).toEqual([]);
  });

  it('refresh rejected → one redirect to login for all callers', async () => {
    const { authFetch, calls, redirects } = setup(401, { concurrent: 5 });
    const responses = await Promise.all(Array.from({ length: 5 }, () => authFetch(`${ORIGIN}/api/data`)));
    expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 5 }, () => 401));
    expect(calls.refresh).toBe(1);
    expect(redirects).toEqual(['/login']);
    // After the redirect, later 401s neither refresh nor redirect again.
    await authFetch(`${ORIGIN}/api/data`);
    expect(calls.refresh).toBe(1);
    expect(redirects).toHaveLength(1);
  });

  it.each([503, 'throw'] as const)('refresh unavailable (%s) → the caller gets its 401; nobody is sent to login', async (status) => {
    const { authFetch, redirects } = setup(status);
    expect((await authFetch(`${ORIGIN}/api/data`)).status).toBe(401);
    expect(redirects).toEqual([]);
  });

  it('retries a POST with its body', async () => {
    const bodies: string[] = [];
    let valid = false;
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      if (request.url.endsWith('/auth/refresh')) {
        valid = true;
        return new Response(null, { status: 204 });
      }
      bodies.push(await request.text());
      return new Response(null, { status: valid ? 200 : 401 });
    }) as typeof globalThis.fetch;
    const authFetch = createAuthFetch({ refreshUrl: `${ORIGIN}/auth/refresh`, loginUrl: `${ORIGIN}/login`, fetch, locks: null, redirect: () => undefined });
    expect((await authFetch(`${ORIGIN}/api/items`, { method: 'POST', body: 'payload' })).status).toBe(200);
    expect(bodies).toEqual(['payload', 'payload']);
  });
});
