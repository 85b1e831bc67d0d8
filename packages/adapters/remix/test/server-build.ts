// A React Router server build assembled from route modules: what `react-router build` emits as
// `virtual:react-router/server-build`, without the client bundle, for the framework's real request handler.
import { createRequestHandler, isRouteErrorResponse, type EntryContext, type ServerBuild } from 'react-router';

type ServerRouteModule = ServerBuild['routes'][string] extends infer R ? (R extends { module: infer M } ? M : never) : never;

/** One route of the tree: `parentId` undefined for the root. */
export interface FixtureRoute {
  readonly id: string;
  readonly parentId?: string;
  readonly path?: string;
  readonly index?: boolean;
  /** Resource routes have no `default` (the framework's type requires one; its runtime does not). */
  readonly module: Partial<ServerRouteModule>;
}

/** A UI route's component; never rendered: the fixture's entry renders loader data as JSON. */
export const Page = (): null => null;

/**
 * The document renderer of the fixture apps: instead of HTML it answers with the deepest route's
 * action or loader data as JSON (or the route error's data), with the status and the headers React
 * Router computed. The suite reads probes as JSON; everything else is the framework's own pipeline.
 */
function renderJson(_request: Request, status: number, headers: Headers, entry: EntryContext): Response {
  const context = entry.staticHandlerContext;
  const error = context.errors === null ? undefined : Object.values(context.errors)[0];
  let body: unknown;
  if (error !== undefined) body = isRouteErrorResponse(error) ? error.data : { error: 'unexpected' };
  else {
    const leaf = context.matches.at(-1)?.route.id ?? 'root';
    body = context.actionData?.[leaf] ?? context.loaderData[leaf] ?? null;
  }
  headers.set('Content-Type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(body), { status, headers });
}

/** Builds the server build for a route tree. */
export function serverBuild(routes: readonly FixtureRoute[]): ServerBuild {
  const manifest: ServerBuild['routes'] = {};
  const assets: ServerBuild['assets']['routes'] = {};
  for (const route of routes) {
    const shape = { id: route.id, parentId: route.parentId, path: route.path, index: route.index };
    manifest[route.id] = { ...shape, module: route.module as ServerRouteModule };
    assets[route.id] = {
      ...shape,
      module: `/${route.id}.js`,
      hasAction: route.module.action !== undefined,
      hasLoader: route.module.loader !== undefined,
      hasClientAction: false,
      hasClientLoader: false,
      hasClientMiddleware: false,
      hasErrorBoundary: false,
      clientActionModule: undefined,
      clientLoaderModule: undefined,
      clientMiddlewareModule: undefined,
      hydrateFallbackModule: undefined,
    };
  }
  return {
    entry: { module: { default: renderJson } },
    routes: manifest,
    assets: { entry: { imports: [], module: '/entry.client.js' }, routes: assets, url: '/manifest.js', version: 'test' },
    publicPath: '/',
    assetsBuildDirectory: 'build/client',
    future: {},
    ssr: true,
    isSpaMode: false,
    prerender: [],
    routeDiscovery: { mode: 'initial', manifestPath: '/__manifest' },
  };
}

/** React Router's request handler for the build (`createRequestHandler` from `react-router`, as `@react-router/node` uses it). */
export function requestHandlerFor(routes: readonly FixtureRoute[]): (request: Request) => Promise<Response> {
  const handler = createRequestHandler(serverBuild(routes), 'production');
  return (request) => handler(request);
}
