// The contract suite's fixture app (route contract: packages/testkit/contract-tests/README.md) on Express 5, behind @lockstep/node/express.
import type { AdapterHarness, Probe } from '@lockstep/contract-tests';
import { listenOnLoopback, OWN_REDIRECT_TARGET, STREAM_CHUNKS, signOutScope } from '@lockstep/contract-tests';
import express, { type Request, type Response } from 'express';
import { createServer } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { exchangeCode, getAuth, lockstep, requireUser, sendOutcome, signOut, type NodeMiddleware } from '../src/express.js';

/** Status of the `/own/throw` route's error (Express's final handler answers with its `status`). */
export const THROWN_STATUS = 418;

const probe = (route: string) => (req: Request, res: Response): void => {
  const { user } = getAuth(req);
  const body: Probe = { route, user: user === null ? null : { id: user.id, email: user.email ?? null }, cookie: req.headers.cookie ?? '' };
  res.json(body);
};

/** The fixture app around an already configured middleware. */
export function createExpressFixture(middleware: NodeMiddleware): express.Express {
  const app = express();
  app.use(middleware);
  app.get('/', probe('home'));
  app.get('/login', probe('login'));
  app.route(['/dashboard', '/dashboard/*rest']).get(probe('dashboard')).post(probe('dashboard'));
  app.get(['/admin', '/admin/*rest'], probe('admin'));
  app.get('/hints/*rest', probe('hints'));
  app.route('/api/me').get(probe('me')).post(probe('me'));
  app.get('/api/health', (_req, res) => void res.json({ ok: true }));
  app.post('/api/webhooks/:source', (_req, res) => void res.json({ received: true }));
  app.get('/assets/*rest', (_req, res) => void res.type('text').send('asset'));
  app.get('/guarded', requireUser(), probe('guarded'));
  app.get('/guarded/admin', requireUser('user'), probe('guarded-admin'));
  app.get('/guarded/strict', requireUser(), probe('guarded-strict'));
  app.post('/logout', async (req, res) => sendOutcome(res, (await signOut(req, signOutScope(req.query.scope))).outcome));
  app.get('/auth/callback', async (req, res) => {
    const result = await exchangeCode(req);
    if (result.kind === 'signed_in') await sendOutcome(res, result.redirect);
    else res.status(400).json({ error: result.kind === 'rejected' ? result.reason : 'auth_unavailable' });
  });
  app.get('/own/redirect', (_req, res) => res.redirect(302, OWN_REDIRECT_TARGET));
  app.get('/own/401', (_req, res) => void res.status(401).json({ error: 'own' }));
  // Node's counterpart of an immutable Response.redirect(): headers that never pass through setHeader.
  app.get('/own/immutable-redirect', (_req, res) => void res.writeHead(302, { Location: OWN_REDIRECT_TARGET }).end());
  app.get('/own/stream', async (_req, res) => {
    res.type('text');
    for (const chunk of STREAM_CHUNKS) {
      res.write(chunk);
      await nextTurn();
    }
    res.end();
  });
  app.get('/own/cache-control', (_req, res) => void res.set({ 'Cache-Control': 'public, max-age=600, s-maxage=600', Vary: 'Accept-Encoding' }).type('text').send('cacheable'));
  app.get('/own/throw', () => {
    throw Object.assign(new Error('thrown by the handler'), { status: THROWN_STATUS });
  });
  return app;
}

/** Express 5 on a real node:http server on 127.0.0.1, port 0; Lockstep wired to the suite's mock through `effects`. */
export const expressHarness: AdapterHarness = {
  name: '@lockstep/node/express (Express 5 over HTTP)',
  capabilities: { thrownErrorStatus: THROWN_STATUS, ownCacheControlRoute: true, inProcessOptions: true },
  start: (context) => listenOnLoopback(createServer(createExpressFixture(lockstep(context.lockstepOptions, context.effects)))),
};
