// React Router mechanics of the middleware: creation, the typed context, and cookies on thrown responses and `.data` answers.
import { LockstepError, type AuthState } from '@lockstep/core';
import { data, redirect, RouterContextProvider, type LoaderFunctionArgs, type RouterContext } from 'react-router';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { getAuth, lockstepContext, lockstepMiddleware, requireUser, type AuthView } from '../src/index.js';
import { Page, requestHandlerFor } from './server-build.js';
import { setup } from './support.js';

const navigate = { accept: 'text/html', 'sec-fetch-mode': 'navigate' };
const singleFetch = { accept: '*/*', 'sec-fetch-mode': 'cors' };

/** Root with the middleware and one protected UI route whose loader is `loader`. */
function app(middleware: ReturnType<typeof lockstepMiddleware>, loader: (args: LoaderFunctionArgs) => unknown): (request: Request) => Promise<Response> {
  return requestHandlerFor([
    { id: 'root', path: '', module: { default: Page, middleware: [middleware] } },
    { id: 'page', parentId: 'root', path: 'dashboard', module: { default: Page, loader } },
  ]);
}

describe('creation and context', () => {
  it('misconfiguration throws when the middleware is created, not on a request', () => {
    expect(() => lockstepMiddleware({ supabaseUrl: 'not a url', supabaseKey: 'k' })).toThrow(LockstepError);
  });

  it('helpers used without the middleware name the fix (ERR_CONFIG_INVALID)', async () => {
    const context = new RouterContextProvider();
    expect(() => getAuth(context)).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }) as Error);
    await expect(requireUser({ request: new Request('http://app.test/x'), context })).rejects.toMatchObject({ code: 'ERR_CONFIG_INVALID' });
  });

  it('types the context key and the view', () => {
    expectTypeOf(lockstepContext).toEqualTypeOf<RouterContext<AuthState>>();
    expectTypeOf(getAuth).returns.toEqualTypeOf<AuthView>();
  });
});

describe('cookies reach the browser whatever the route produces', () => {
  it('a redirect thrown by a loader carries the refreshed cookies and no-store', async () => {
    const { instance, expiredCookie } = await setup();
    const handler = app(lockstepMiddleware(instance), () => {
      throw redirect('/elsewhere');
    });
    const response = await handler(new Request('http://app.test/dashboard', { headers: { ...navigate, cookie: await expiredCookie() } }));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/elsewhere');
    expect(response.headers.getSetCookie()).toHaveLength(1);
    expect(response.headers.get('cache-control')).toMatch(/\bno-store\b/);
  });

  it('a thrown data(…, 401) renders the error boundary and still carries the refreshed cookies', async () => {
    const { instance, expiredCookie } = await setup();
    const handler = app(lockstepMiddleware(instance), () => {
      throw data({ error: 'nope' }, { status: 401 });
    });
    const response = await handler(new Request('http://app.test/dashboard', { headers: { ...navigate, cookie: await expiredCookie() } }));
    expect(response.status).toBe(401);
    expect(response.headers.getSetCookie()).toHaveLength(1);
  });

  it('a .data request while the auth server is down: a decodable 503 for the error boundary, the cookies kept', async () => {
    const { mock, instance, expiredCookie } = await setup();
    const cookie = await expiredCookie();
    mock.controls.fail('token:refresh_token', { kind: 'status', status: 503 });
    const handler = app(lockstepMiddleware(instance), () => ({ ok: true }));
    const response = await handler(new Request('http://app.test/dashboard.data', { headers: { ...singleFetch, cookie } }));
    expect(response.headers.get('content-type')).toMatch(/^text\/x-script/);
    expect(await response.text()).toContain('auth_unavailable');
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});
