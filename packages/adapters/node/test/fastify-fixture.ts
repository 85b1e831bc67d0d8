// The contract suite's fixture app (route contract: packages/testkit/contract-tests/README.md) on Fastify 5, behind @lockstep/node/fastify.
import type { AdapterHarness, Probe } from '@lockstep/contract-tests';
import { OWN_REDIRECT_TARGET, overHttp, STREAM_CHUNKS, signOutScope } from '@lockstep/contract-tests';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { exchangeCode, getAuth, lockstep, requireUser, sendOutcome, signOut, type FastifyHook } from '../src/fastify.js';

/** Status of the `/own/throw` route's error (Fastify's error handler answers with its `statusCode`). */
export const THROWN_STATUS = 418;

const probe = (route: string) => (request: FastifyRequest): Probe => {
  const { user } = getAuth(request);
  return { route, user: user === null ? null : { id: user.id, email: user.email ?? null }, cookie: request.headers.cookie ?? '' };
};

/** The fixture app around an already configured hook. */
export function createFastifyFixture(hook: FastifyHook): FastifyInstance {
  const app = Fastify();
  // Any body is accepted as text: the suite posts forms to probe routes, which Fastify would refuse with 415.
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.addHook('onRequest', hook);
  app.route({ method: ['GET', 'POST'], url: '/dashboard', handler: probe('dashboard') });
  app.route({ method: ['GET', 'POST'], url: '/dashboard/*', handler: probe('dashboard') });
  app.route({ method: ['GET', 'POST'], url: '/api/me', handler: probe('me') });
  app.get('/', probe('home'));
  app.get('/login', probe('login'));
  app.get('/admin', probe('admin'));
  app.get('/admin/*', probe('admin'));
  app.get('/hints/*', probe('hints'));
  app.get('/api/health', () => ({ ok: true }));
  app.post('/api/webhooks/:source', () => ({ received: true }));
  app.get('/assets/*', (_request, reply) => reply.type('text/plain').send('asset'));
  app.get('/guarded', { preHandler: requireUser() }, probe('guarded'));
  app.get('/guarded/admin', { preHandler: requireUser('user') }, probe('guarded-admin'));
  app.get('/guarded/strict', { preHandler: requireUser() }, probe('guarded-strict'));
  app.post<{ Querystring: { scope?: string } }>('/logout', async (request, reply) => sendOutcome(reply, (await signOut(request, signOutScope(request.query.scope))).outcome));
  app.get('/auth/callback', async (request, reply) => {
    const result = await exchangeCode(request);
    if (result.kind === 'signed_in') return sendOutcome(reply, result.redirect);
    return reply.code(400).send({ error: result.kind === 'rejected' ? result.reason : 'auth_unavailable' });
  });
  app.get('/own/redirect', (_request, reply) => reply.redirect(OWN_REDIRECT_TARGET, 302));
  app.get('/own/401', (_request, reply) => reply.code(401).send({ error: 'own' }));
  // Node's counterpart of an immutable Response.redirect(): raw headers (the flat-array form) straight to writeHead.
  app.get('/own/immutable-redirect', (_request, reply) => {
    reply.hijack();
    reply.raw.writeHead(302, ['Location', OWN_REDIRECT_TARGET]).end();
  });
  app.get('/own/stream', (_request, reply) => reply.type('text/plain').send(Readable.from(STREAM_CHUNKS)));
  app.get('/own/cache-control', (_request, reply) => reply.headers({ 'cache-control': 'public, max-age=600, s-maxage=600', vary: 'Accept-Encoding' }).type('text/plain').send('cacheable'));
  app.get('/own/throw', () => {
    throw Object.assign(new Error('thrown by the handler'), { statusCode: THROWN_STATUS });
  });
  return app;
}

/** Fastify 5 listening on 127.0.0.1, port 0; Lockstep wired to the suite's mock through `effects`. */
export const fastifyHarness: AdapterHarness = {
  name: '@lockstep/node/fastify (Fastify 5 over HTTP)',
  capabilities: { thrownErrorStatus: THROWN_STATUS, ownCacheControlRoute: true, inProcessOptions: true },
  async start(context) {
    const app = createFastifyFixture(lockstep(context.lockstepOptions, context.effects));
    const origin = await app.listen({ host: '127.0.0.1', port: 0 });
    return overHttp(origin, () => app.close());
  },
};
