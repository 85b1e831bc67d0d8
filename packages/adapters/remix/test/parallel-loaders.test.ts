// 20 nested loaders of one request on one expired session: exactly one refresh (DESIGN §5, issue 7),
// through React Router's and Remix's own request handlers.
import type { Lockstep } from '@lockstep/core';
import { createRequestHandler as createRemixHandler, json } from '@remix-run/server-runtime';
import { describe, expect, it } from 'vitest';
import { getAuth, lockstepMiddleware } from '../src/index.js';
import { createRemixLockstep, lockstepHeaders, type RemixLockstep } from '../src/v2/index.js';
import { remixBuild, type V2Route } from './remix-v2-fixture.js';
import { Page, requestHandlerFor, type FixtureRoute } from './server-build.js';
import { setup } from './support.js';

const LOADERS = 20;
const navigate = { accept: 'text/html', 'sec-fetch-mode': 'navigate' };
const singleFetch = { accept: '*/*', 'sec-fetch-mode': 'cors' };

/** What each loader saw: the user and whether its Cookie header still held the spent session. */
interface Seen {
  readonly user: string | null;
  readonly cookie: string;
}

/** Root → 19 pathless layouts → the `/deep` leaf: 20 loaders React Router runs in parallel for one request. */
function nestedRoutes(rootModule: FixtureRoute['module'], loader: (id: string) => FixtureRoute['module']['loader']): FixtureRoute[] {
  const routes: FixtureRoute[] = [{ id: 'root', path: '', module: { ...rootModule, default: Page, loader: loader('root') } }];
  for (let level = 1; level < LOADERS - 1; level++) routes.push({ id: `layout-${level}`, parentId: level === 1 ? 'root' : `layout-${level - 1}`, module: { default: Page, loader: loader(`layout-${level}`) } });
  routes.push({ id: 'deep', parentId: `layout-${LOADERS - 2}`, path: 'deep', module: { default: Page, loader: loader('deep') } });
  return routes;
}

/** Counts the core decisions an instance makes. */
function counting(instance: Lockstep): { instance: Lockstep; calls: () => number } {
  let calls = 0;
  return {
    instance: { ...instance, handle: (...args: Parameters<Lockstep['handle']>) => (calls++, instance.handle(...args)) },
    calls: () => calls,
  };
}

describe('React Router 8 middleware', () => {
  it.each([
    ['a document request', '/deep', navigate],
    ['a single-fetch request', '/deep.data', singleFetch],
  ])('%s: one refresh in the middleware, shared by all 20 loaders through the context and the Cookie header', async (_name, path, headers) => {
    const { mock, instance, expiredCookie } = await setup();
    const cookie = await expiredCookie();
    mock.controls.resetCounters();
    const seen = new Map<string, Seen>();
    const handler = requestHandlerFor(
      nestedRoutes({ middleware: [lockstepMiddleware(instance)] }, (id) => ({ request, context }) => {
        seen.set(id, { user: getAuth(context).user?.id ?? null, cookie: request.headers.get('cookie') ?? '' });
        return { id };
      }),
    );
    const response = await handler(new Request(`http://app.test${path}`, { headers: { ...headers, cookie } }));
    expect(response.status).toBe(200);
    expect(mock.controls.calls('token:refresh_token')).toBe(1);
    expect(seen.size).toBe(LOADERS);
    const users = new Set([...seen.values()].map((entry) => entry.user));
    expect(users.size).toBe(1);
    expect([...users][0]).not.toBeNull();
    // Compared, never printed: every loader's Cookie header is the refreshed one.
    expect(new Set([...seen.values()].map((entry) => entry.cookie)).size).toBe(1);
    expect([...seen.values()].every((entry) => entry.cookie !== cookie)).toBe(true);
    expect(response.headers.getSetCookie()).toHaveLength(1);
  });
});

describe('loader style (@lockstep/remix/v2 helpers in every loader, no middleware)', () => {
  const loaderOf =
    (auth: RemixLockstep, seen: Map<string, Seen>) =>
    (id: string): FixtureRoute['module']['loader'] =>
      auth.withSession((args, session) => {
        seen.set(id, { user: session.user?.id ?? null, cookie: session.request.headers.get('cookie') ?? '' });
        return { id };
      });

  it('React Router 8 hands every loader the same Request: one core decision, one refresh', async () => {
    const { mock, instance, expiredCookie } = await setup();
    const cookie = await expiredCookie();
    mock.controls.resetCounters();
    const counted = counting(instance);
    const seen = new Map<string, Seen>();
    const handler = requestHandlerFor(nestedRoutes({ headers: lockstepHeaders }, loaderOf(createRemixLockstep(counted.instance), seen)));
    const response = await handler(new Request('http://app.test/deep', { headers: { ...navigate, cookie } }));
    expect(response.status).toBe(200);
    expect(seen.size).toBe(LOADERS);
    expect(counted.calls()).toBe(1);
    expect(mock.controls.calls('token:refresh_token')).toBe(1);
    expect(new Set([...seen.values()].map((entry) => entry.user)).size).toBe(1);
    expect(response.headers.getSetCookie()).toHaveLength(1);
    expect(response.headers.get('cache-control')).toMatch(/\bno-store\b/);
  });

  describe('Remix v2 hands each loader its own copy of the Request', () => {
    /** The same tree as Remix v2 route modules. */
    const remixRoutes = (auth: RemixLockstep, seen: Map<string, Seen>): V2Route[] =>
      nestedRoutes({}, (id) => () => id).map((route) => ({
        id: route.id,
        ...(route.parentId === undefined ? {} : { parentId: route.parentId }),
        ...(route.path === undefined ? {} : { path: route.path }),
        module: {
          default: Page,
          headers: lockstepHeaders,
          loader: auth.withSession((_args, session) => {
            seen.set(route.id, { user: session.user?.id ?? null, cookie: session.request.headers.get('cookie') ?? '' });
            return json({ id: route.id });
          }),
        },
      }));

    it.each([
      ['with loadContext(): one core decision', true],
      ['without it: the core joins the 20 decisions into one refresh', false],
    ])('%s', async (_name, wired) => {
      const { mock, instance, expiredCookie } = await setup();
      const cookie = await expiredCookie();
      mock.controls.resetCounters();
      const counted = counting(instance);
      const auth = createRemixLockstep(counted.instance);
      const seen = new Map<string, Seen>();
      const handler = createRemixHandler(remixBuild(remixRoutes(auth, seen)), 'production');
      const response = await handler(new Request('http://app.test/deep', { headers: { ...navigate, cookie } }), wired ? { ...auth.loadContext() } : {});
      expect(response.status).toBe(200);
      expect(seen.size).toBe(LOADERS);
      expect(mock.controls.calls('token:refresh_token')).toBe(1);
      expect(counted.calls()).toBe(wired ? 1 : LOADERS);
      expect(new Set([...seen.values()].map((entry) => entry.user)).size).toBe(1);
      expect(new Set([...seen.values()].map((entry) => entry.cookie)).size).toBe(1);
      // The 20 loaders' identical Set-Cookie lines are merged into one by Remix.
      expect(response.headers.getSetCookie()).toHaveLength(1);
      expect(response.headers.get('cache-control')).toMatch(/\bno-store\b/);
    });
  });
});
