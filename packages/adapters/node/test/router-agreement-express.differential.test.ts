// C31 against Express 5's own router (the `router` package on path-to-regexp 8), as @lockstep/node/express declares it.
import express from 'express';
import { EXPRESS_ROUTER } from '../src/express.js';
import { AGREEMENT_ROUTES, describeRouterAgreement, nodeRequestFor, subtreePaths, type ServeTarget } from './router-agreement.js';

type Recording = { served?: (index: number | null) => void };

/** Express spelling: a named wildcard (`*rest`), the catch-all as a last `app.use()`, and paths as browsers send them (Express matches the raw target: `/café` must be written encoded). */
const expressPath = (path: string): string => encodeURI(path.replace(/\*$/, '*rest'));

const app = express();
AGREEMENT_ROUTES.forEach(([path], index) => {
  const handler = (req: Recording): void => req.served?.(index);
  if (path === '*') app.use(handler);
  else app.get(subtreePaths(path).map(expressPath), handler);
});

const serve: ServeTarget = (rawTarget) =>
  new Promise((resolve) => {
    const { req, res } = nodeRequestFor(rawTarget);
    (req as Recording).served = resolve;
    app(req as express.Request, res as express.Response, () => resolve(null));
  });

describeRouterAgreement({
  name: "Express 5's router",
  router: EXPRESS_ROUTER,
  serve,
  servedOtherwiseSpelled: new Set(['case and Unicode look-alike variants']),
  // Express serves /ADMIN by its /admin route; matched case-sensitively it would fall to the default (claims).
  downgrade: { target: '/ADMIN', weakerWith: { caseSensitive: true, trailingSlash: 'ignore' }, because: /^weaker verify mode: "\/ADMIN" is served by "\/admin"/ },
});
