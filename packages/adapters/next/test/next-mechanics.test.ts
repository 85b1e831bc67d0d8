// Next-specific checks under a real `next start`: middleware bypass, Server Components, Server Actions, cache headers.
import { fixtureOptions, FIXTURE_USER, TOKEN_LIFETIME } from '@lockstep/contract-tests';
import { createSupabaseLockstep } from '@lockstep/supabase';
import { startMockAuth, type RunningMockAuth } from '@lockstep/mock-auth';
import { createChunks, stringToBase64URL } from '@supabase/ssr';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startNextFixture, type NextApp } from './next-harness.js';

let mock: RunningMockAuth;
let app: NextApp;
const storageKey = (): string => createSupabaseLockstep(fixtureOptions(mock)).config.storageKey;

beforeAll(async () => {
  mock = await startMockAuth({ users: [FIXTURE_USER], tokenLifetimeSeconds: TOKEN_LIFETIME });
  // SUPABASE_*: the run-time settings of the fixture's env-based route (built without them).
  app = await startNextFixture(fixtureOptions(mock), { SUPABASE_URL: mock.url, SUPABASE_ANON_KEY: mock.anonKey });
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

describe('the Route Handler sign-in (signInResponse)', () => {
  const post = (password: string): Promise<Response> => {
    const body = new URLSearchParams({ email: FIXTURE_USER.email, password }).toString();
    return send('/guarded/sign-in', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.origin, 'sec-fetch-site': 'same-origin' } });
  };

  it('signs in with a redirect whose cookie keeps private, no-store and Vary: Cookie (unlike a Server Action answer)', async () => {
    const response = await post(FIXTURE_USER.password);
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get('location') ?? '', app.origin).pathname).toBe('/dashboard');
    expect(response.headers.getSetCookie().map((line) => line.split('=')[0])).toEqual([storageKey()]);
    expect(response.headers.get('cache-control')).toMatch(/\bprivate\b.*\bno-store\b/);
    expect(response.headers.get('vary') ?? '').toMatch(/Cookie/i);
  });

  it('a wrong password: no cookie, the failure for the handler to render', async () => {
    const response = await post('not-the-password');
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await response.json()).toEqual({ error: 'rejected' });
  });
});

describe('the image optimiser (/_next/image, outside the matcher)', () => {
  // Its own request for a local url carries no cookies: a protected page never reaches it, signed in or not.
  it.each(['/dashboard', '/api/me', '/sc'])('never serves the protected %s, even to a signed-in user', async (path) => {
    const { cookie } = await signedIn();
    const response = await send(`/_next/image?url=${encodeURIComponent(path)}&w=64&q=75`, { cookie });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(response.headers.get('content-type') ?? '').not.toMatch(/^image\//);
    expect(await response.text()).not.toContain(FIXTURE_USER.email);
  });
});

describe('options from the environment, read at the first request (built without them: issue #17)', () => {
  const getJson = (cookie?: string): Promise<Response> => send('/bypass/env-options', { headers: { accept: 'application/json', 'sec-fetch-mode': 'cors' }, ...(cookie === undefined ? {} : { cookie }) });

  it('anonymous → 401 JSON from the guard', async () => {
    const response = await getJson();
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'unauthorized' });
  });

  it('signed in → the user, verified with the settings of the running server', async () => {
    const { cookie, userId } = await signedIn();
    const response = await getJson(cookie);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: userId });
  });
});
