// The router-agreement property (contract C31) for a Node framework's real router, dispatched in-process:
// for generated hostile request targets, Lockstep never decides a path more weakly than the rule of
// the route the framework serves it by. The target goes through the adapter's own reading of the
// request (`toCoreRequest`), so a target the adapter refuses (400) is never served.
import { createLockstep, type Lockstep, type RequestLike } from '@lockstep/core';
import { supabase } from '@lockstep/supabase';
import { DENY_BY_DEFAULT, HOSTILE_PATH_CLASSES, ROUTER_AGREEMENT_RULES, weakerThanServed, type AttachedRule } from '@lockstep/contract-tests';
import fc from 'fast-check';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { toCoreRequest } from '../src/request.js';
import type { RouterSemantics } from '../src/run-lockstep.js';

/** A route of the app under test: its path in the framework's syntax, and the rule it is written under. */
export type AgreementRoute = readonly [path: string, attached: AttachedRule];

/** The routes every framework's table has, in the framework-neutral spelling of the Hono and React Router tests. */
export const AGREEMENT_ROUTES: readonly AgreementRoute[] = [
  ['/', { access: 'public', verify: 'claims' }],
  ['/blog/:slug', { access: 'public', verify: 'claims' }],
  ['/api/health', { access: 'public', verify: 'claims' }],
  ['/café', { access: 'public', verify: 'claims' }],
  ['/api/webhooks/:id', { access: 'public', verify: 'claims' }],
  ['/admin', { access: 'protected', verify: 'user' }],
  ['/admin/*', { access: 'protected', verify: 'user' }],
  ['/secret/*', { access: 'protected', verify: 'user' }],
  ['/Reports/*', { access: 'protected', verify: 'user' }],
  ['/kit/:id', { access: 'protected', verify: 'user' }],
  ['/hints/*', { access: 'protected', verify: 'session' }],
  ['/assets/*', { access: 'ignore', verify: 'claims' }],
  ['/login', { access: 'authPage', verify: 'claims' }],
  ['/auth/callback', { access: 'public', verify: 'claims' }],
  ['/dashboard/*', DENY_BY_DEFAULT],
  ['*', DENY_BY_DEFAULT],
];

/**
 * The framework paths that serve one table route. A `/x/*` route of the table serves `/x` and
 * everything below it (as Hono's does, and as the rule `/x/**` reads); Express's `/x/*rest` and
 * Fastify's `/x/*` need `/x` itself registered beside them, as an app serving that subtree does.
 */
export function subtreePaths(path: string): string[] {
  if (!path.endsWith('/*') || path === '/*') return [path];
  const base = path.slice(0, -2);
  return AGREEMENT_ROUTES.some(([other]) => other === base) ? [path] : [base, path];
}

/** A framework's router: the index (into `AGREEMENT_ROUTES`) of the route it serves a raw target by, or `null` (404). */
export type ServeTarget = (rawTarget: string) => Promise<number | null>;

/** A GET for `rawTarget` as Node's HTTP parser hands it to a framework, with nowhere to write. */
export function nodeRequestFor(rawTarget: string): { req: IncomingMessage; res: ServerResponse } {
  const req = new IncomingMessage(new Socket());
  req.url = rawTarget;
  req.method = 'GET';
  req.headers = { host: 'app.test' };
  return { req, res: new ServerResponse(req) };
}

export interface AgreementSuite {
  readonly name: string;
  /** What the entry under test declares (src/express.ts, src/fastify.ts). */
  readonly router: RouterSemantics;
  readonly serve: ServeTarget;
  /** The classes in which this router serves user-mode routes under spellings other than the route's own. */
  readonly servedOtherwiseSpelled: ReadonlySet<string>;
  /** A target that other router semantics would decide more weakly, and those semantics: proof the property can fail. */
  readonly downgrade: { readonly target: string; readonly weakerWith: RouterSemantics; readonly because: RegExp };
}

/**
 * Bytes Node's HTTP parser refuses in a request target (400 before any listener runs): controls,
 * space and anything beyond ASCII. A client sends `é` as UTF-8 bytes, which never reach the app;
 * a browser percent-encodes it. Checked against a real server in request.test.ts.
 */
export const NOT_DELIVERED = /[^\x21-\x7e]/;

const RUNS = 100_000;
const FIXED_SEED = 20261205;
const RANDOM_SEED = Date.now() ^ Math.floor(Math.random() * 0x7fffffff);

/** Registers the agreement tests for one framework. */
export function describeRouterAgreement(suite: AgreementSuite): void {
  const lockstepWith = (router: RouterSemantics): Lockstep =>
    createLockstep(
      { provider: supabase({ supabaseUrl: 'https://abcdefghijklmnop.supabase.co', supabaseKey: 'sb_publishable_test' }), routes: ROUTER_AGREEMENT_RULES, ...router },
      { fetch: () => Promise.reject(new Error('no network in this test')) },
    );
  const lockstep = lockstepWith(suite.router);
  /** Per run: targets served by a user-mode route (and of those, not spelled as the route), and targets refused before any routing. */
  const served = { userMode: 0, userModeNotAsWritten: 0, refused: 0 };

  /** The request the core reads for a target, or `null` when Node or the adapter refuses it (400). */
  function deliveredRequest(rawTarget: string): RequestLike | null {
    return NOT_DELIVERED.test(rawTarget) ? null : toCoreRequest(nodeRequestFor(rawTarget).req);
  }

  /** Why Lockstep's decision is weaker than the served route's rule, or null when it is not. */
  async function weakerBecause(rawTarget: string, instance: Lockstep = lockstep): Promise<string | null> {
    const request = deliveredRequest(rawTarget);
    if (request === null) return null; // Node or the adapter answers 400: never served
    const index = await suite.serve(rawTarget);
    if (index === null) return null; // no route: 404
    const [routePath, attached] = AGREEMENT_ROUTES[index] ?? ['?', DENY_BY_DEFAULT];
    const pathname = new URL(request.url).pathname;
    if (attached.verify === 'user') {
      served.userMode++;
      if (!pathname.startsWith(routePath.replace(/[:*].*$/, '').replace(/\/$/, ''))) served.userModeNotAsWritten++;
    }
    const explanation = instance.explain(pathname);
    if (explanation.kind === 'malformed') return null; // a 400: never served
    const { access, verify } = explanation.route;
    return weakerThanServed({ access, verify }, attached, `${JSON.stringify(rawTarget)} is served by "${routePath}"`);
  }

  describe(`router agreement with ${suite.name} (caseSensitive: ${String(suite.router.caseSensitive)}, trailingSlash: ${String(suite.router.trailingSlash)})`, () => {
    it('the table is consistent: each route path, spelled as a browser sends it, is served by it and decided by its own rule', async () => {
      for (const [index, [path, attached]] of AGREEMENT_ROUTES.entries()) {
        if (path === '*') continue;
        const target = new URL(path.replace(':slug', 'post').replace(':id', 'a1').replace(/\*$/, 'x'), 'http://app.test').pathname;
        expect(await suite.serve(target), path).toBe(index);
        const explanation = lockstep.explain(target);
        if (explanation.kind !== 'matched') throw new Error(`${target} is malformed`);
        expect(explanation.route.access, path).toBe(attached.access);
        if (attached.access === 'public' || attached.access === 'protected') expect(explanation.route.verify, path).toBe(attached.verify);
      }
    });

    it('the property catches a downgrade under other router semantics', async () => {
      const { target, weakerWith, because } = suite.downgrade;
      expect(await weakerBecause(target, lockstepWith(weakerWith))).toMatch(because);
      expect(await weakerBecause(target)).toBeNull();
    });

    it('targets a WHATWG URL would rewrite are refused, not decided on another path than the router serves', async () => {
      for (const target of ['/admin/../blog/x', '/admin/%2e%2E/blog/x', '/admin/./x', '/blog\\x', '/admin/..']) {
        expect(toCoreRequest(nodeRequestFor(target).req), target).toBeNull();
      }
      // The reason: the router serves the raw target by the admin route, a URL would read /blog/x.
      expect(AGREEMENT_ROUTES[(await suite.serve('/admin/../blog/x')) ?? -1]?.[0]).toMatch(/^\/admin/);
      expect(new URL('http://app.test/admin/../blog/x').pathname).toBe('/blog/x');
    });

    for (const [name, paths] of Object.entries(HOSTILE_PATH_CLASSES)) {
      it.each([
        ['fixed seed', FIXED_SEED],
        ['random seed', RANDOM_SEED],
      ])(`${name}: ${RUNS} delivered targets (%s) are never decided more weakly than the served route`, async (_label, seed) => {
        served.userMode = 0;
        served.userModeNotAsWritten = 0;
        served.refused = 0;
        await fc.assert(
          fc.asyncProperty(paths, async (raw) => {
            if (deliveredRequest(raw) === null) {
              served.refused++;
              fc.pre(false); // refused before routing: counted, but not one of the RUNS served cases
            }
            const why = await weakerBecause(raw);
            if (why !== null) throw new Error(`[${name}] ${why}`);
          }),
          { numRuns: RUNS, seed, maxSkipsPerRun: 20 },
        );
        // Not vacuous: a good share of the delivered targets reach a user-mode route, many of them spelled otherwise.
        console.log(`${suite.name}, ${name}: ${JSON.stringify(served)}`);
        expect(served.userMode).toBeGreaterThan(RUNS / 100);
        if (suite.servedOtherwiseSpelled.has(name)) expect(served.userModeNotAsWritten).toBeGreaterThan(RUNS / 1000);
      }, 600_000);
    }
  });
}
