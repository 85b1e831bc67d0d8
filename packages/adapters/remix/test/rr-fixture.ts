// The contract suite's fixture app (route contract: packages/testkit/contract-tests/README.md) as React Router
// route modules behind lockstepMiddleware(), served by React Router's own request handler.
import type { AdapterHarness, Probe } from '@lockstep/contract-tests';
import { OWN_REDIRECT_TARGET, STREAM_CHUNKS, signOutScope } from '@lockstep/contract-tests';
import { toWebResponse, type Lockstep } from '@lockstep/core';
import { data, redirect, type LoaderFunctionArgs, type MiddlewareFunction, type RouterContextProvider } from 'react-router';
import { exchangeCode, getAuth, lockstepMiddleware, requireUser, signOut } from '../src/index.js';
import { Page, requestHandlerFor, type FixtureRoute } from './server-build.js';

/** Status of the `/own/throw` route's thrown `data()`. */
export const THROWN_STATUS = 418;

type Args = Pick<LoaderFunctionArgs, 'request' | 'context'>;

const probe = ({ request, context }: Args, route: string): Probe => {
  const { user } = getAuth(context);
  return { route, user: user === null ? null : { id: user.id, email: user.email ?? null }, cookie: request.headers.get('cookie') ?? '' };
};

/** A UI route whose loader (and action) answer the probe. */
const page = (id: string, path: string, route: string, extra: Partial<FixtureRoute> = {}): FixtureRoute => ({
  id,
  parentId: 'root',
  path,
  module: { default: Page, loader: (args: Args) => probe(args, route), action: (args: Args) => probe(args, route) },
  ...extra,
});

/** A resource route (no component): its loader's Response is the response. */
const resource = (id: string, path: string, module: FixtureRoute['module']): FixtureRoute => ({ id, parentId: 'root', path, module });

/** The fixture's route tree; the root route carries the middleware. */
export function fixtureRoutes(middleware: MiddlewareFunction<Response>): FixtureRoute[] {
  return [
    { id: 'root', path: '', module: { default: Page, middleware: [middleware], loader: () => null } },
    { ...page('home', '', 'home'), index: true, path: undefined },
    page('login', 'login', 'login'),
    page('dashboard', 'dashboard', 'dashboard'),
    page('dashboard-any', 'dashboard/*', 'dashboard'),
    page('admin', 'admin', 'admin'),
    page('admin-any', 'admin/*', 'admin'),
    page('hints', 'hints/*', 'hints'),
    resource('api-me', 'api/me', { loader: (args: Args) => Response.json(probe(args, 'me')), action: (args: Args) => Response.json(probe(args, 'me')) }),
    resource('api-health', 'api/health', { loader: () => Response.json({ ok: true }) }),
    resource('api-webhooks', 'api/webhooks/:source', { action: () => Response.json({ received: true }) }),
    resource('assets', 'assets/*', { loader: () => new Response('asset') }),
    resource('guarded', 'guarded', {
      loader: async (args: LoaderFunctionArgs) => {
        await requireUser(args);
        return Response.json(probe(args, 'guarded'));
      },
    }),
    resource('guarded-admin', 'guarded/admin', {
      loader: async (args: LoaderFunctionArgs) => {
        await requireUser(args, 'user');
        return Response.json(probe(args, 'guarded-admin'));
      },
    }),
    resource('guarded-strict', 'guarded/strict', {
      loader: async (args: LoaderFunctionArgs) => {
        await requireUser(args);
        return Response.json(probe(args, 'guarded-strict'));
      },
    }),
    resource('logout', 'logout', {
      action: async (args: LoaderFunctionArgs) => toWebResponse((await signOut(args, signOutScope(args.url.searchParams.get('scope')))).outcome),
    }),
    resource('callback', 'auth/callback', {
      loader: async (args: LoaderFunctionArgs) => {
        const result = await exchangeCode(args);
        return result.kind === 'signed_in' ? toWebResponse(result.redirect) : Response.json({ error: result.kind === 'rejected' ? result.reason : 'auth_unavailable' }, { status: 400 });
      },
    }),
    resource('own-redirect', 'own/redirect', { loader: () => redirect(OWN_REDIRECT_TARGET, 302) }),
    resource('own-immutable-redirect', 'own/immutable-redirect', { loader: ({ request }: Args) => Response.redirect(new URL(OWN_REDIRECT_TARGET, request.url), 302) }),
    resource('own-401', 'own/401', { loader: () => Response.json({ error: 'own' }, { status: 401 }) }),
    resource('own-cache-control', 'own/cache-control', { loader: () => new Response('cacheable', { headers: { 'Cache-Control': 'public, max-age=600, s-maxage=600', Vary: 'Accept-Encoding' } }) }),
    resource('own-stream', 'own/stream', {
      loader: () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              for (const chunk of STREAM_CHUNKS) controller.enqueue(new TextEncoder().encode(chunk));
              controller.close();
            },
          }),
          { headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
        ),
    }),
    resource('own-throw', 'own/throw', {
      loader: () => {
        throw data({ error: 'thrown by the loader' }, { status: THROWN_STATUS });
      },
    }),
    // Every other path still runs the root middleware (deny by default), then is a 404.
    page('not-found', '*', 'not-found', {
      module: {
        default: Page,
        loader: () => {
          throw data({ error: 'not_found' }, { status: 404 });
        },
      },
    }),
  ];
}

/** Serves the fixture through React Router's request handler. */
export function startRouterApp(middleware: MiddlewareFunction<Response>): { origin: string; fetch: (request: Request) => Promise<Response> } {
  return { origin: 'http://app.test', fetch: requestHandlerFor(fixtureRoutes(middleware)) };
}

/** The middleware style: lockstepMiddleware() on the root route. */
export const middlewareHarness: AdapterHarness = {
  name: '@lockstep/remix (React Router 8 middleware)',
  capabilities: { thrownErrorStatus: THROWN_STATUS, reactRouterSingleFetch: true, ownCacheControlRoute: true, inProcessOptions: true },
  start(context) {
    const app = startRouterApp(lockstepMiddleware(context.lockstepOptions, context.effects));
    return Promise.resolve({ ...app, close: () => Promise.resolve() });
  },
};

export type { Lockstep, RouterContextProvider };
