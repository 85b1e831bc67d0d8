// Finds a React Router (framework mode) app's routes by evaluating its `app/routes.ts` with stand-in helpers.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';
import type { AppRoute } from './app-route.js';
import { ConfigError } from './load-config.js';
import type { RouteEntry } from './react-router-routes-shim.js';
import { exportedNames } from './source-facts.js';

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * Evaluates `app/routes.ts` with `@react-router/dev/routes` replaced by the checker's stand-ins
 * (so the app's dependencies need not be installed) and flattens it into routes. A route module
 * without a default export is a resource route (a handler); one with it, a page. A config built by
 * another helper (`flatRoutes()` from `@react-router/fs-routes`) is reported as unsupported.
 */
export async function scanReactRouterApp(root: string): Promise<AppRoute[]> {
  const appDir = join(root, 'app');
  const config = ['routes.ts', 'routes.js', 'routes.mts'].map((name) => join(appDir, name)).find((path) => existsSync(path));
  if (config === undefined) throw new ConfigError(`No app/routes.ts in ${root}.`);
  const shim = ['react-router-routes-shim.ts', 'react-router-routes-shim.js'].map((name) => join(HERE, name)).find((path) => existsSync(path)) ?? join(HERE, 'react-router-routes-shim.js');
  const jiti = createJiti(import.meta.url, { moduleCache: false, alias: { '@react-router/dev/routes': shim } });
  let entries: unknown;
  try {
    entries = await jiti.import(config, { default: true });
  } catch (error) {
    throw new ConfigError(`Could not evaluate ${config}: ${error instanceof Error ? error.message : String(error)}`);
  }
  entries = await entries;
  if (!Array.isArray(entries)) throw new ConfigError(`${config} must default-export an array of routes (route(), index(), layout(), prefix()).`);
  const routes: AppRoute[] = [];
  flatten(entries as RouteEntry[], '', (entry, path) => {
    const file = join(appDir, entry.file);
    const source = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const isPage = /export\s+default\b/.test(source) || exportedNames(source).includes('default');
    const layoutOnly = entry.path === undefined && entry.index !== true;
    routes.push({ kind: layoutOnly ? 'layout' : isPage ? 'page' : 'handler', ...samplePath(path), file: `app/${entry.file}`, source });
  });
  return routes;
}

function flatten(entries: readonly RouteEntry[], parent: string, visit: (entry: RouteEntry, path: string) => void): void {
  for (const entry of entries) {
    const path = entry.path === undefined ? parent : joinPath(parent, entry.path);
    visit(entry, path);
    if (entry.children !== undefined) flatten(entry.children, path, visit);
  }
}

function joinPath(parent: string, child: string): string {
  if (child.startsWith('/')) return child;
  return `${parent.replace(/\/$/, '')}/${child}`;
}

/** `:id` → `_id_`, `*` → `_splat_`, optional segments (`:lang?`, `edit?`) left out. */
function samplePath(path: string): { path: string; pattern: string } {
  const sample = path
    .split('/')
    .filter((segment) => segment !== '' && !segment.endsWith('?'))
    .map((segment) => (segment === '*' ? '_splat_' : segment.startsWith(':') ? `_${segment.slice(1)}_` : segment));
  return { path: `/${sample.join('/')}`, pattern: path === '' ? '/' : path.startsWith('/') ? path : `/${path}` };
}
