// The contract suite's fixture app as Remix v2 route modules using @lockstep/remix/v2 in every loader and action,
// served by Remix's own request handler (`createRequestHandler` of @remix-run/server-runtime 2.17).
import type { AdapterHarness, Probe } from '@lockstep/contract-tests';
import { OWN_REDIRECT_TARGET, STREAM_CHUNKS, signOutScope } from '@lockstep/contract-tests';
import { toWebResponse } from '@lockstep/core';
import { createRequestHandler, json, redirect, type EntryContext, type ServerBuild } from '@remix-run/server-runtime';
import { createRemixLockstep, lockstepHeaders, type LoaderSession, type RemixLockstep } from '../src/v2/index.js';

type ServerRouteModule = ServerBuild['routes'][string]['module'];
/** Resource routes have no `default` (the framework's type requires one; its runtime does not). */
type RouteModule = Partial<ServerRouteModule>;
export interface V2Route {
  readonly id: string;
  readonly parentId?: string;
  readonly path?: string;
  readonly index?: boolean;
  readonly module: RouteModule;
}

/** Status of the `/own/throw` route's thrown `json()`. */
export const THROWN_STATUS = 418;

const Page = (): null => null;

const probe = (request: Request, session: LoaderSession, route: string): Probe => ({
  route,
  user: session.user === null ? null : { id: session.user.id, email: session.user.email ?? null },
  cookie: request.headers.get('cookie') ?? '',
});

/** The document renderer: the deepest route's action or loader data (or the route error's data) as JSON. */
function renderJson(_request: Request, status: number, headers: Headers, entry: EntryContext): Response {
  const context = entry.staticHandlerContext;
  const error = context.errors === null ? undefined : Object.values(context.errors)[0];
  let body: unknown;
  if (error !== undefined) body = typeof error === 'object' && error !== null && 'data' in error ? error.data : { error: 'unexpected' };
  else {
    const leaf = context.matches.at(-1)?.route.id ?? 'root';
    body = context.actionData?.[leaf] ?? context.loaderData[leaf] ?? null;
  }
  headers.set('Content-Type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(body), { status, headers });
}

/** The fixture's route tree: every loader and action reads the session through the v2 helpers. */
export function fixtureRoutes(auth: RemixLockstep): V2Route[] {
  const page = (id: string, path: string | undefined, route: string): V2Route => {
    const handler = auth.withSession(({ request }, session) => probe(request, session, route));
    return { id, parentId: 'root', path, module: { default: Page, headers: lockstepHeaders, loader: handler, action: handler } };
  };
  const resource = (id: string, path: string, module: RouteModule): V2Route => ({ id, parentId: 'root', path, module });
  return [
    { id: 'root', path: '', module: { default: Page, headers: lockstepHeaders, loader: auth.withSession(() => null) } },
    { ...page('home', undefined, 'home'), index: true },
    page('login', 'login', 'login'),
    page('dashboard', 'dashboard', 'dashboard'),
    page('dashboard-any', 'dashboard/*', 'dashboard'),
    page('admin', 'admin', 'admin'),
    page('admin-any', 'admin/*', 'admin'),
    page('hints', 'hints/*', 'hints'),
    resource('api-me', 'api/me', {
      loader: auth.withSession(({ request }, session) => json(probe(request, session, 'me'))),
      action: auth.withSession(({ request }, session) => json(probe(request, session, 'me'))),
    }),
    resource('api-health', 'api/health', { loader: auth.withSession(() => json({ ok: true })) }),
    resource('api-webhooks', 'api/webhooks/:source', { action: auth.withSession(() => json({ received: true })) }),
    resource('assets', 'assets/*', { loader: auth.withSession(() => new Response('asset')) }),
    resource('guarded', 'guarded', {
      loader: async (args) => {
        const session = await auth.requireUser(args);
        return session.merge(json(probe(session.request, session, 'guarded')));
      },
    }),
    resource('guarded-admin', 'guarded/admin', {
      loader: async (args) => {
        const session = await auth.requireUser(args, 'user');
        return session.merge(json(probe(session.request, session, 'guarded-admin')));
      },
    }),
    resource('guarded-strict', 'guarded/strict', {
      loader: async (args) => {
        const session = await auth.requireUser(args);
        return session.merge(json(probe(session.request, session, 'guarded-strict')));
      },
    }),
    resource('logout', 'logout', {
      action: async (args) => toWebResponse((await auth.signOut(args, signOutScope(new URL(args.request.url).searchParams.get('scope')))).outcome),
    }),
    resource('callback', 'auth/callback', {
      loader: async (args) => {
        const result = await auth.exchangeCode(args);
        return result.kind === 'signed_in' ? toWebResponse(result.redirect) : json({ error: result.kind === 'rejected' ? result.reason : 'auth_unavailable' }, { status: 400 });
      },
    }),
    resource('own-redirect', 'own/redirect', { loader: auth.withSession(() => redirect(OWN_REDIRECT_TARGET, 302)) }),
    resource('own-immutable-redirect', 'own/immutable-redirect', { loader: auth.withSession(({ request }) => Response.redirect(new URL(OWN_REDIRECT_TARGET, request.url), 302)) }),
    resource('own-401', 'own/401', { loader: auth.withSession(() => json({ error: 'own' }, { status: 401 })) }),
    resource('own-cache-control', 'own/cache-control', { loader: auth.withSession(() => new Response('cacheable', { headers: { 'Cache-Control': 'public, max-age=600, s-maxage=600', Vary: 'Accept-Encoding' } })) }),
    resource('own-stream', 'own/stream', {
      loader: auth.withSession(
        () =>
          new Response(
            new ReadableStream<Uint8Array>({
              start(controller) {
                for (const chunk of STREAM_CHUNKS) controller.enqueue(new TextEncoder().encode(chunk));
                controller.close();
              },
            }),
            { headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
          ),
      ),
    }),
    resource('own-throw', 'own/throw', {
      loader: auth.withSession(() => {
        throw json({ error: 'thrown by the loader' }, { status: THROWN_STATUS });
      }),
    }),
    // Every other path: the loader applies the rules (deny by default), then it is a 404.
    {
      id: 'not-found',
      parentId: 'root',
      path: '*',
      module: {
        default: Page,
        headers: lockstepHeaders,
        loader: auth.withSession(() => {
          throw json({ error: 'not_found' }, { status: 404 });
        }),
      },
    },
  ];
}

/** A Remix v2 server build for a route tree (what the Remix compiler emits, without the client bundle). */
export function remixBuild(routes: readonly V2Route[], singleFetch = false): ServerBuild {
  const manifest: ServerBuild['routes'] = {};
  const assets: Record<string, unknown> = {};
  for (const route of routes) {
    const shape = { id: route.id, parentId: route.parentId, path: route.path, index: route.index, caseSensitive: false };
    manifest[route.id] = { ...shape, module: route.module as ServerRouteModule };
    assets[route.id] = { ...shape, module: `/${route.id}.js`, hasAction: route.module.action !== undefined, hasLoader: route.module.loader !== undefined, hasClientAction: false, hasClientLoader: false, hasErrorBoundary: false };
  }
  return {
    mode: 'production',
    entry: { module: { default: renderJson } },
    routes: manifest,
    assets: { entry: { imports: [], module: '/entry.client.js' }, routes: assets as ServerBuild['assets']['routes'], url: '/manifest.js', version: 'test' },
    publicPath: '/build/',
    assetsBuildDirectory: 'public/build',
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: false, v3_singleFetch: singleFetch },
    isSpaMode: false,
  };
}

/** Remix's request handler for the fixture. */
export function startRemixApp(auth: RemixLockstep, singleFetch = false): { origin: string; fetch: (request: Request) => Promise<Response> } {
  const handler = createRequestHandler(remixBuild(fixtureRoutes(auth), singleFetch), 'production');
  return { origin: 'http://app.test', fetch: (request) => handler(request, { ...auth.loadContext() }) };
}

/** The loader style: no middleware, every loader and action reads the session itself (classic or Single Fetch data requests). */
export function remixV2Harness(singleFetch: boolean): AdapterHarness {
  return {
    name: `@lockstep/remix/v2 (Remix 2.17 loaders and actions${singleFetch ? ', future.v3_singleFetch' : ''})`,
    capabilities: { thrownErrorStatus: THROWN_STATUS, ownCacheControlRoute: true, inProcessOptions: true },
    start(context) {
      const app = startRemixApp(createRemixLockstep(context.lockstepOptions, context.effects), singleFetch);
      return Promise.resolve({ ...app, close: () => Promise.resolve() });
    },
  };
}
