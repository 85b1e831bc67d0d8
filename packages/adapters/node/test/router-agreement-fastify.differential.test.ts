// C31 against Fastify 5's own router (find-my-way through `fastify.routing`), as @lockstep/node/fastify declares it.
import Fastify from 'fastify';
import { FASTIFY_ROUTER } from '../src/fastify.js';
import { AGREEMENT_ROUTES, describeRouterAgreement, nodeRequestFor, subtreePaths, type ServeTarget } from './router-agreement.js';

type Recording = { served?: (index: number | null) => void };

const app = Fastify();
const indexOf = new Map(AGREEMENT_ROUTES.flatMap(([path], index) => subtreePaths(path === '*' ? '/*' : path).map((route) => [route, index] as const)));
// The served route, read before any handler runs; the request is left there (nothing to send it to).
app.addHook('onRequest', (request) => {
  const url = request.routeOptions.url;
  (request.raw as Recording).served?.(url === undefined ? null : (indexOf.get(url) ?? null));
  return new Promise<void>(() => undefined);
});
for (const path of indexOf.keys()) app.get(path, () => 'unreachable');
await app.ready();

const serve: ServeTarget = (rawTarget) =>
  new Promise((resolve) => {
    const { req, res } = nodeRequestFor(rawTarget);
    (req as Recording).served = resolve;
    app.routing(req, res);
  });

describeRouterAgreement({
  name: "Fastify 5's router",
  router: FASTIFY_ROUTER,
  serve,
  servedOtherwiseSpelled: new Set(['percent-encoding variants']),
  // Fastify serves /blog/x/ by its catch-all; with trailing slashes ignored Lockstep would say public.
  downgrade: { target: '/blog/x/', weakerWith: { caseSensitive: true, trailingSlash: 'ignore' }, because: /^weaker access: "\/blog\/x\/" is served by "\*"/ },
});
