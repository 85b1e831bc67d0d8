// A Hono app on a custom token backend: Lockstep's middleware with the token-backend provider, a proxy route,
// a refresh route for the browser helper, and probe routes shaped like the contract suite's fixture.
import { capabilityOf, createLockstep, toWebResponse, type Lockstep, type LockstepEffects, type LockstepOptions, type RouteRule } from '@lockstep/core';
import { createProxyHandler, createTokenBackendProvider, type TokenBackendOptions, type TokenBackendProvider } from '@lockstep/token-backend';
import { lockstep as lockstepMiddleware, requireUser, signOut, type LockstepEnv } from '@lockstep/hono';
import { Hono, type Context } from 'hono';
import { streamText } from 'hono/streaming';
import { appPage } from './app-page.js';

/** Where a signed-in user on `/login` goes without a valid return-to. */
export const AFTER_SIGN_IN_PATH = '/dashboard';
/** Where `/own/redirect` sends the browser. */
export const OWN_REDIRECT_TARGET = '/elsewhere';
/** Body of `/own/stream`, sent in three chunks. */
export const STREAM_CHUNKS = ['lock', 'step', '!'] as const;

/** The route table: the contract fixture's, plus the proxy, the refresh route and the browser page. */
export const ROUTES: readonly RouteRule[] = [
  { match: '/assets/**', access: 'ignore' },
  { match: ['/', '/api/health', '/app'], access: 'public' },
  { match: '/logout', access: 'public', session: false },
  { match: '/admin/**', access: 'protected', verify: 'user' },
  { match: '/hints/**', access: 'protected', verify: 'session' },
];

/** The JSON of the probe routes: which route answered, the user the middleware established, the Cookie header it forwarded. */
export interface Probe {
  readonly route: string;
  readonly user: { readonly id: string; readonly email: string | null } | null;
  readonly cookie: string;
}

/** What the app is built from. */
export interface TokenBackendAppOptions {
  /** The backend's provider options (login/refresh/user URLs, verification). */
  readonly backend: TokenBackendOptions;
  /** The API the proxy forwards to. */
  readonly upstream: string;
  /** Per-test overrides of the Lockstep options (e.g. a shorter auth timeout). */
  readonly lockstep?: Partial<Omit<LockstepOptions, 'provider'>>;
  readonly effects?: LockstepEffects;
  /** The bundled `@lockstep/browser` module served at `/assets/auth-fetch.js`. */
  readonly clientScript?: string;
}

/** The running parts, for tests. */
export interface TokenBackendApp {
  readonly app: Hono<LockstepEnv>;
  readonly lockstep: Lockstep;
  readonly provider: TokenBackendProvider;
  /** Calls of the app's own routes that matter to the browser tests. */
  readonly counters: { refreshRoute: number; loginPage: number; guardedDenied: number };
}

const probe = (c: Context<LockstepEnv>, route: string): Response => {
  const user = c.var.user;
  const body: Probe = { route, user: user === null ? null : { id: user.id, email: user.email ?? null }, cookie: c.req.header('cookie') ?? '' };
  return c.json(body);
};

/**
 * Builds the app. The proxy and the guarded API are registered before the middleware: the proxy
 * runs Lockstep itself, and the guarded API must answer 401 on an expired token (it never
 * refreshes) so the browser helper's refresh path is exercised.
 */
export function createTokenBackendApp(options: TokenBackendAppOptions): TokenBackendApp {
  const provider = createTokenBackendProvider(options.backend);
  const instance = createLockstep(
    { afterSignInPath: AFTER_SIGN_IN_PATH, routes: ROUTES, apiRoutes: ['/api/**', '/auth/**'], ...options.lockstep, provider },
    options.effects,
  );
  const counters = { refreshRoute: 0, loginPage: 0, guardedDenied: 0 };
  const proxy = createProxyHandler({ lockstep: instance, provider, upstream: options.upstream, prefix: '/api/proxy', ...(options.effects?.fetch === undefined ? {} : { fetch: options.effects.fetch }) });
  const app = new Hono<LockstepEnv>();

  app.all('/api/proxy/*', (c) => proxy(c.req.raw));
  app.get('/api/guarded/data', async (c) => {
    const guard = await instance.guard(c.req.raw);
    if (guard.kind === 'denied') {
      counters.guardedDenied++;
      return toWebResponse(guard.outcome);
    }
    return c.json({ user: guard.auth.user.id });
  });
  app.get('/assets/auth-fetch.js', (c) => c.body(options.clientScript ?? '', 200, { 'content-type': 'text/javascript; charset=utf-8' }));

  app.use('*', lockstepMiddleware(instance));
  app.get('/', (c) => probe(c, 'home'));
  app.get('/app', (c) => c.html(appPage()));
  app.get('/login', (c) => {
    counters.loginPage++;
    return c.html('<!doctype html><title>Sign in</title><h1>Sign in</h1>');
  });
  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const result = await capabilityOf(instance, 'signInWithPassword')(c.req.raw, { email: String(form.email ?? ''), password: String(form.password ?? ''), returnTo: c.req.query('next') ?? null });
    if (result.kind === 'signed_in') return toWebResponse(result.redirect);
    return c.json({ error: result.kind, reason: result.kind === 'rejected' ? result.reason : result.cause }, result.kind === 'rejected' ? 400 : 503);
  });
  app.post('/logout', async (c) => toWebResponse((await signOut(c, 'local')).outcome));
  // The browser helper's refresh route: the middleware has already refreshed (or answered 401/503).
  app.post('/auth/refresh', (c) => {
    counters.refreshRoute++;
    return c.body(null, 204);
  });
  app.on(['GET', 'POST'], ['/dashboard', '/dashboard/*'], (c) => probe(c, 'dashboard'));
  app.get('/admin', (c) => probe(c, 'admin'));
  app.get('/admin/*', (c) => probe(c, 'admin'));
  app.get('/hints/*', (c) => probe(c, 'hints'));
  app.get('/api/me', (c) => probe(c, 'me'));
  app.get('/api/health', (c) => c.json({ ok: true }));
  app.get('/guarded', requireUser(), (c) => probe(c, 'guarded'));
  app.get('/own/redirect', (c) => c.redirect(OWN_REDIRECT_TARGET, 302));
  app.get('/own/401', (c) => c.json({ error: 'own' }, 401));
  app.get('/own/immutable-redirect', (c) => Response.redirect(new URL(OWN_REDIRECT_TARGET, c.req.url), 302));
  app.get('/own/stream', (c) =>
    streamText(c, async (stream) => {
      for (const chunk of STREAM_CHUNKS) await stream.write(chunk);
    }),
  );
  return { app, lockstep: instance, provider, counters };
}
