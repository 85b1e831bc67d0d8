// Next-specific checks under a real `next start`: middleware bypass, Server Components, Server Actions, cache headers.
import { fixtureOptions, FIXTURE_USER, TOKEN_LIFETIME } from '@lockstep/contract-tests';
import { createLockstep } from '@lockstep/core';
import { startMockAuth, type RunningMockAuth } from '@lockstep/mock-auth';
import { createChunks, stringToBase64URL } from '@supabase/ssr';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startNextFixture, type NextApp } from './next-harness.js';

let mock: RunningMockAuth;
let app: NextApp;
const storageKey = (): string => createLockstep(fixtureOptions(mock)).config.storageKey;

beforeAll(async () => {
  mock = await startMockAuth({ users: [FIXTURE_USER], tokenLifetimeSeconds: TOKEN_LIFETIME });
  app = await startNextFixture(fixtureOptions(mock));
});
beforeEach(async () => {
  mock.controls.reset();
  mock.controls.clock.freeze();
  await app.setClock(mock.controls.clock.now());
});
afterAll(async () => {
  await app.close();
  await mock.stop();
});

const send = (path: string, init: { cookie?: string; method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> => {
  const headers = new Headers({ accept: 'text/html', 'sec-fetch-mode': 'navigate', ...init.headers });
  if (init.cookie !== undefined) headers.set('cookie', init.cookie);
  return app.fetch(new Request(app.origin + path, { method: init.method ?? 'GET', headers, ...(init.body === undefined ? {} : { body: init.body }) }));
};
const signedIn = async (): Promise<{ cookie: string; userId: string }> => {
  const session = await mock.controls.issueSession(FIXTURE_USER.email);
  const key = storageKey();
  const cookie = createChunks(key, `base64-${stringToBase64URL(JSON.stringify(session))}`).map(({ name, value }) => `${name}=${value}`).join('; ');
  return { cookie, userId: String(session.user.id) };
};
const advance = async (seconds: number): Promise<void> => {
  mock.controls.clock.advance(seconds);
  await app.setClock(mock.controls.clock.now());
};

describe('defense in depth: a page the proxy never sees (left out of the matcher)', () => {
  it('anonymous → the server helper redirects to login with return-to', async () => {
    const response = await send('/bypass?x=1');
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get('location') ?? '', app.origin);
    // Without the proxy no path is forwarded: the page's own `returnTo` is used.
    expect(location.pathname + location.search).toBe('/login?next=%2Fbypass');
  });

  it('forged x-middleware-subrequest and x-lockstep-path headers change nothing', async () => {
    const response = await send('/bypass', { headers: { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy', 'x-lockstep-path': '//evil.example' } });
    expect(response.status).toBe(307);
    expect(new URL(response.headers.get('location') ?? '', app.origin).origin).toBe(app.origin);
  });

  it('a signed-in user sees it; an expired session is not refreshed there (anonymous → login)', async () => {
    const { cookie } = await signedIn();
    const page = await send('/bypass', { cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(FIXTURE_USER.email);
    await advance(TOKEN_LIFETIME + 1);
    const expired = await send('/bypass', { cookie });
    expect(expired.status).toBe(307);
    expect(expired.headers.getSetCookie()).toEqual([]);
    expect(mock.controls.calls('token:refresh_token')).toBe(0);
  });
});

describe('the refreshed session reaches Server Components in the same request', () => {
  it('cookies() and the server helper see the new token; one refresh; no-store on the page', async () => {
    const { cookie, userId } = await signedIn();
    await advance(TOKEN_LIFETIME + 1);
    mock.controls.resetCounters();
    const response = await send('/sc', { cookie });
    expect(response.status).toBe(200);
    expect(mock.controls.calls('token:refresh_token')).toBe(1);
    const [line] = response.headers.getSetCookie();
    const written = decodeURIComponent((line ?? '').split(';')[0]?.split('=').slice(1).join('=') ?? '');
    const html = (await response.text()).replaceAll('&quot;', '"').replaceAll('&amp;', '&');
    const probe = JSON.parse(/<pre id="probe">(.*?)<\/pre>/s.exec(html)?.[1] ?? '{}') as { user: { id: string } | null; cookie: string };
    expect(probe.user?.id).toBe(userId);
    // Compared, never printed: the Server Component's cookie store holds exactly what the browser got.
    expect(decodeURIComponent(probe.cookie).includes(written), 'cookies() holds the refreshed value').toBe(true);
    expect(response.headers.get('cache-control')).toMatch(/no-store/);
  });
});

describe('Server Actions', () => {
  const actionId = async (cookie: string): Promise<string> => /\$ACTION_ID_([0-9a-f]+)/.exec(await (await send('/actions', { cookie })).text())?.[1] ?? '';
  const call = (id: string, cookie: string): Promise<Response> =>
    send('/actions', { method: 'POST', cookie, body: '[]', headers: { 'next-action': id, accept: 'text/x-component', 'content-type': 'text/plain;charset=UTF-8', 'sec-fetch-mode': 'cors' } });

  it('after expiry: the proxy refreshes once, the action sees the user, the browser gets the cookie (no-store)', async () => {
    const { cookie, userId } = await signedIn();
    const id = await actionId(cookie);
    await advance(TOKEN_LIFETIME + 1);
    mock.controls.resetCounters();
    const response = await call(id, cookie);
    expect(response.status).toBe(200);
    expect(mock.controls.calls('token:refresh_token')).toBe(1);
    expect(response.headers.getSetCookie()).toHaveLength(1);
    // Next sets `no-cache, no-store, max-age=0, must-revalidate` on every action response itself (without `private`).
    expect(response.headers.get('cache-control')).toMatch(/no-store/);
    expect(await response.text()).toContain(`"user":"${userId}"`);
  });
});

describe('proxy response headers', () => {
  it('a refreshing Route Handler response carries private no-store and Vary: Cookie', async () => {
    const { cookie } = await signedIn();
    await advance(TOKEN_LIFETIME + 1);
    const response = await send('/dashboard', { cookie, headers: { accept: 'application/json', 'sec-fetch-mode': 'cors' } });
    expect(response.headers.getSetCookie()).toHaveLength(1);
    expect(response.headers.get('cache-control')).toMatch(/private/);
    expect(response.headers.get('vary') ?? '').toMatch(/Cookie/i);
  });
});
