// The contract suite's fixture app (route contract: packages/testkit/contract-tests/README.md), built on @lockstep/hono.
import type { AdapterHarness, Probe } from '@lockstep/contract-tests';
import { OWN_REDIRECT_TARGET, STREAM_CHUNKS, signOutScope } from '@lockstep/contract-tests';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { streamText } from 'hono/streaming';
import { toWebResponse } from '@lockstep/core';
import { exchangeCode, lockstep, requireUser, signOut, type LockstepEnv } from '../src/index.js';

/** Status of the `/own/throw` route's HTTPException. */
export const THROWN_STATUS = 418;

const probe = (c: Context<LockstepEnv>, route: string): Response => {
  const user = c.var.user;
  const body: Probe = { route, user: user === null ? null : { id: user.id, email: user.email ?? null }, cookie: c.req.header('cookie') ?? '' };
  return c.json(body);
};

/** The fixture app around an already configured middleware. */
export function createFixtureApp(middleware: ReturnType<typeof lockstep>): Hono<LockstepEnv> {
  const app = new Hono<LockstepEnv>();
  app.use('*', middleware);
  app.get('/', (c) => probe(c, 'home'));
  app.get('/login', (c) => probe(c, 'login'));
  app.on(['GET', 'POST'], ['/dashboard', '/dashboard/*'], (c) => probe(c, 'dashboard'));
  app.get('/admin', (c) => probe(c, 'admin'));
  app.get('/admin/*', (c) => probe(c, 'admin'));
  app.get('/hints/*', (c) => probe(c, 'hints'));
  app.on(['GET', 'POST'], '/api/me', (c) => probe(c, 'me'));
  app.get('/api/health', (c) => c.json({ ok: true }));
  app.post('/api/webhooks/:source', (c) => c.json({ received: true }));
  app.get('/assets/*', (c) => c.text('asset'));
  app.get('/guarded', requireUser(), (c) => probe(c, 'guarded'));
  app.get('/guarded/admin', requireUser('user'), (c) => probe(c, 'guarded-admin'));
  app.get('/guarded/strict', requireUser(), (c) => probe(c, 'guarded-strict'));
  app.post('/logout', async (c) => toWebResponse((await signOut(c, signOutScope(c.req.query('scope')))).outcome));
  app.get('/auth/callback', async (c) => {
    const result = await exchangeCode(c);
    return result.kind === 'signed_in' ? toWebResponse(result.redirect) : c.json({ error: result.kind === 'rejected' ? result.reason : 'auth_unavailable' }, 400);
  });
  app.get('/own/redirect', (c) => c.redirect(OWN_REDIRECT_TARGET, 302));
  app.get('/own/401', (c) => c.json({ error: 'own' }, 401));
  app.get('/own/immutable-redirect', (c) => Response.redirect(new URL(OWN_REDIRECT_TARGET, c.req.url), 302));
  app.get('/own/stream', (c) =>
    streamText(c, async (stream) => {
      for (const chunk of STREAM_CHUNKS) await stream.write(chunk);
    }),
  );
  app.get('/own/cache-control', (c) => c.text('cacheable', 200, { 'Cache-Control': 'public, max-age=600, s-maxage=600', Vary: 'Accept-Encoding' }));
  app.get('/own/throw', () => {
    throw new HTTPException(THROWN_STATUS, { message: 'thrown by the handler' });
  });
  return app;
}

/** The Hono adapter's harness: the fixture app in-process, Lockstep wired to the suite's mock through `effects`. */
export const honoHarness: AdapterHarness = {
  name: '@lockstep/hono',
  capabilities: { thrownErrorStatus: THROWN_STATUS, ownCacheControlRoute: true, inProcessOptions: true },
  start(context) {
    const app = createFixtureApp(lockstep(context.lockstepOptions, context.effects));
    return Promise.resolve({
      origin: 'http://app.test',
      fetch: async (request) => app.fetch(request),
      close: () => Promise.resolve(),
    });
  },
};
