// Finds a Next.js app's routes: App Router pages, layouts and Route Handlers, Pages Router pages and API routes, and 'use server' modules.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppRoute } from './app-route.js';
import { sourceFacts } from './source-facts.js';
import { sourceFiles } from './walk-files.js';

const PAGES_SPECIAL = new Set(['_app', '_document', '_error', '404', '500']);

/**
 * Scans `root` (the app's directory): `app/` or `src/app/`, `pages/` or `src/pages/`, and every
 * source file for a module-level 'use server'.
 */
export function scanNextApp(root: string): AppRoute[] {
  const routes: AppRoute[] = [];
  const appDir = ['app', 'src/app'].find((dir) => existsSync(join(root, dir)));
  const pagesDir = ['pages', 'src/pages'].find((dir) => existsSync(join(root, dir)));
  if (appDir !== undefined) {
    for (const file of sourceFiles(join(root, appDir))) {
      const match = /(?:^|\/)(page|layout|route)\.[a-z]+$/.exec(file);
      if (match === null) continue;
      const segments = file.split('/').slice(0, -1);
      if (segments.some((segment) => segment.startsWith('_'))) continue; // private folders are not routes
      const url = appRouterPath(segments);
      const kind = match[1] === 'route' ? 'handler' : match[1] === 'layout' ? 'layout' : 'page';
      routes.push({ kind, ...url, file: `${appDir}/${file}`, source: readFileSync(join(root, appDir, file), 'utf8') });
    }
  }
  if (pagesDir !== undefined) {
    for (const file of sourceFiles(join(root, pagesDir))) {
      const segments = file.replace(/\.[a-z]+$/, '').split('/');
      if (segments.length === 1 && PAGES_SPECIAL.has(segments[0] ?? '')) continue;
      if (segments.at(-1) === 'index') segments.pop();
      const url = samplePath(segments);
      routes.push({ kind: segments[0] === 'api' ? 'handler' : 'page', ...url, file: `${pagesDir}/${file}`, source: readFileSync(join(root, pagesDir, file), 'utf8') });
    }
  }
  for (const file of sourceFiles(root)) {
    const source = readFileSync(join(root, file), 'utf8');
    if (sourceFacts(source).useServer) routes.push({ kind: 'actions', path: null, pattern: '(Server Actions)', file, source });
  }
  return routes.map((route) => withStaticRendering(route, routes));
}

/**
 * A page or layout is static when its own segment config says so, or an enclosing layout's does
 * (segment config applies to the segments below), unless the file itself forces dynamic rendering.
 */
function withStaticRendering(route: AppRoute, routes: readonly AppRoute[]): AppRoute {
  if (route.kind !== 'page' && route.kind !== 'layout') return route;
  const own = sourceFacts(route.source);
  if (own.forcesDynamic) return route;
  if (own.staticSignal !== null) return { ...route, staticRendering: `${own.staticSignal} (${route.file})` };
  const dir = route.file.slice(0, route.file.lastIndexOf('/') + 1);
  const enclosing = routes
    .filter((other) => other.kind === 'layout' && other !== route && dir.startsWith(other.file.slice(0, other.file.lastIndexOf('/') + 1)))
    .map((layout) => ({ layout, signal: sourceFacts(layout.source).staticSignal }))
    .find(({ signal }) => signal !== null);
  return enclosing === undefined ? route : { ...route, staticRendering: `${enclosing.signal ?? ''} (${enclosing.layout.file})` };
}

/** Route groups `(x)` and parallel slots `@x` add no segment; `[x]` dynamic segments get a sample value. */
function appRouterPath(segments: readonly string[]): { path: string; pattern: string } {
  return samplePath(segments.filter((segment) => !(segment.startsWith('(') && segment.endsWith(')')) && !segment.startsWith('@')));
}

/** `[id]` → `_id_`, `[...slug]` → `_slug_`, `[[...slug]]` → nothing (the route also answers without it). */
export function samplePath(segments: readonly string[]): { path: string; pattern: string } {
  const sample: string[] = [];
  for (const segment of segments) {
    if (segment.startsWith('[[')) continue;
    const dynamic = /^\[(?:\.\.\.)?([^\]]+)\]$/.exec(segment);
    sample.push(dynamic === null ? segment : `_${dynamic[1] ?? 'x'}_`);
  }
  return { path: `/${sample.join('/')}`, pattern: `/${segments.join('/')}` };
}
