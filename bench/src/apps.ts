// The Hono apps every benchmark drives: no auth, Lockstep in each verify mode, and the recipe.
import type { Lockstep, LockstepEffects, VerifyMode } from '@lockstep/core';
import { createSupabaseLockstep, type SupabaseLockstepOptions } from '@lockstep/supabase';
import { lockstep, type LockstepEnv } from '@lockstep/hono';
import { Hono, type Context } from 'hono';
import { supabaseRecipe, type RecipeCheck, type RecipeEnv } from './recipe.js';

/** The project the apps talk to (the mock). */
export interface Project {
  readonly url: string;
  readonly anonKey: string;
}

/** Paths every app serves: a page, an API, a redirecting form post and the login page. */
export const PAGE_PATH = '/dashboard';
export const API_PATH = '/api/data';
export const REDIRECT_PATH = '/dashboard/save';

/** The app without any auth: the baseline. */
export function noAuthApp(): Hono {
  const app = new Hono();
  app.get(PAGE_PATH, (c) => c.json({ id: null }));
  app.get(API_PATH, (c) => c.json({ id: null }));
  return app;
}

/**
 * The no-auth app behind one middleware that only calls `next()`. Hono answers an app without
 * middleware synchronously and composes any middleware chain with awaits; over HTTP
 * (@hono/node-server) that alone costs a share of the throughput, which every middleware pays.
 */
export function passThroughApp(): Hono {
  const app = new Hono();
  app.use('*', (_c, next) => next());
  app.get(PAGE_PATH, (c) => c.json({ id: null }));
  app.get(API_PATH, (c) => c.json({ id: null }));
  return app;
}

/** Lockstep options for a mode: every path under `/dashboard` and `/api` protected with it. */
export function lockstepOptions(project: Project, mode: VerifyMode, extra: Partial<SupabaseLockstepOptions> = {}): SupabaseLockstepOptions {
  return {
    supabaseUrl: project.url,
    supabaseKey: project.anonKey,
    routes: [
      { match: '/', access: 'public' },
      { match: ['/dashboard', '/dashboard/**', '/api/**'], access: 'protected', verify: mode },
    ],
    ...extra,
  };
}

/** An app behind `lockstep()`; the instance is returned for its config (storage key). */
export function lockstepApp(project: Project, mode: VerifyMode, effects: LockstepEffects = {}, extra: Partial<SupabaseLockstepOptions> = {}): { app: Hono<LockstepEnv>; instance: Lockstep } {
  const instance = createSupabaseLockstep(lockstepOptions(project, mode, extra), effects);
  const app = new Hono<LockstepEnv>();
  app.use('*', lockstep(instance));
  routes(app, (c: Context<LockstepEnv>) => c.var.user?.id ?? null);
  return { app, instance };
}

/** An app behind the recipe middleware. */
export function recipeApp(project: Project, check: RecipeCheck, fetchImpl?: typeof fetch): Hono<RecipeEnv> {
  const app = new Hono<RecipeEnv>();
  app.use('*', supabaseRecipe({ supabaseUrl: project.url, supabaseKey: project.anonKey, check, ...(fetchImpl === undefined ? {} : { fetch: fetchImpl }) }));
  routes(app, (c: Context<RecipeEnv>) => c.var.recipeUserId);
  return app;
}

// The same handlers for every app: they read the user the middleware established, nothing else.
function routes<E extends LockstepEnv | RecipeEnv>(app: Hono<E>, userId: (c: Context<E>) => string | null): void {
  app.get(PAGE_PATH, (c) => c.json({ id: userId(c) }));
  app.get(API_PATH, (c) => c.json({ id: userId(c) }));
  app.post(REDIRECT_PATH, (c) => c.redirect(PAGE_PATH, 303));
  app.get('/login', (c) => c.text('login'));
}

/** A document navigation or an API fetch, with the browser's headers. */
export function appRequest(path: string, cookie: string, kind: 'document' | 'api', method = 'GET'): Request {
  return new Request(`http://app.test${path}`, {
    method,
    headers: {
      ...(cookie === '' ? {} : { cookie }),
      ...(kind === 'api' ? { accept: 'application/json', 'sec-fetch-mode': 'cors' } : { accept: 'text/html', 'sec-fetch-mode': 'navigate' }),
    },
  });
}

/** What the benchmarks need of an app: Hono's in-process `request`. */
export interface BenchApp {
  request(input: Request): Response | Promise<Response>;
}
