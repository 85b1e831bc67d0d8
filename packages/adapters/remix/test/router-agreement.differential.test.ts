// Issue 12 item 4: for generated hostile paths, Lockstep never decides a path more weakly than the
// rule of the route React Router's own `matchRoutes` dispatches it to (the request handler's matcher).
import { createLockstep, type Lockstep } from '@lockstep/core';
import { supabase } from '@lockstep/supabase';
import { DENY_BY_DEFAULT, HOSTILE_PATH_CLASSES, ROUTER_AGREEMENT_RULES, weakerThanServed, type AttachedRule } from '@lockstep/contract-tests';
import fc from 'fast-check';
import { matchRoutes, type RouteObject } from 'react-router';
import { describe, expect, it } from 'vitest';

type Attached = AttachedRule;
const DEFAULT = DENY_BY_DEFAULT;
const RULES = ROUTER_AGREEMENT_RULES;

/** The app's routes (flat, as React Router flattens them), each with the rule it is written under. */
const ROUTES: readonly (readonly [path: string, attached: Attached])[] = [
  ['/', { access: 'public', verify: 'claims' }],
  ['/blog/:slug', { access: 'public', verify: 'claims' }],
  ['/api/health', { access: 'public', verify: 'claims' }],
  ['/café', { access: 'public', verify: 'claims' }],
  ['/api/webhooks/:id', { access: 'public', verify: 'claims' }],
  ['/admin/*', { access: 'protected', verify: 'user' }],
  ['/secret/*', { access: 'protected', verify: 'user' }],
  ['/Reports/*', { access: 'protected', verify: 'user' }],
  ['/kit/:id', { access: 'protected', verify: 'user' }],
  ['/hints/*', { access: 'protected', verify: 'session' }],
  ['/assets/*', { access: 'ignore', verify: 'claims' }],
  ['/login', { access: 'authPage', verify: 'claims' }],
  ['/auth/callback', { access: 'public', verify: 'claims' }],
  ['/dashboard/*', DEFAULT],
  ['*', DEFAULT],
];
const ROUTE_OBJECTS: RouteObject[] = ROUTES.map(([path], index) => ({ id: String(index), path }));

// The React Router adapter declares `caseSensitive: false` (src/middleware.ts); contract C31 checks
// that the declaration reaches the core through the middleware. Here the same setting is named.
const lockstepWith = (caseSensitive: boolean): Lockstep =>
  createLockstep(
    { provider: supabase({ supabaseUrl: 'https://abcdefghijklmnop.supabase.co', supabaseKey: 'sb_publishable_test' }), routes: RULES, caseSensitive },
    { fetch: () => Promise.reject(new Error('no network in this test')) },
  );
const lockstep = lockstepWith(false);


/** How many generated paths React Router served by a `user`-mode route: proof that a run is not vacuous. */
const served = { userMode: 0, userModeNotAsWritten: 0 };

/** Why Lockstep's decision is weaker than the served route's rule, or null when it is not. */
function weakerBecause(rawPath: string, instance: Lockstep = lockstep): string | null {
  // Concatenated, as a server builds the request URL from its request target: `//x` stays a path.
  const pathname = new URL(`http://app.test${rawPath}`).pathname;
  const matches = matchRoutes(ROUTE_OBJECTS, pathname);
  const servedId = matches?.at(-1)?.route.id;
  if (servedId === undefined) return null; // no route: React Router answers 404
  const [routePath, attached] = ROUTES[Number(servedId)] ?? ['?', DEFAULT];
  if (attached.verify === 'user') {
    served.userMode++;
    if (!pathname.startsWith(routePath.replace(/[:*].*$/, '').replace(/\/$/, ''))) served.userModeNotAsWritten++;
  }
  const explanation = instance.explain(pathname);
  if (explanation.kind === 'malformed') return null; // a 400: never served
  const { access, verify } = explanation.route;
  return weakerThanServed({ access, verify }, attached, `${JSON.stringify(pathname)} is served by "${routePath}"`);
}

const CLASSES = HOSTILE_PATH_CLASSES;

/** The classes in which this router serves user-mode routes under spellings other than the route's own. */
const SERVED_OTHERWISE_SPELLED: ReadonlySet<string> = new Set(['case and Unicode look-alike variants', 'percent-encoding variants']);

const RUNS = 100_000;
const FIXED_SEED = 20261205;
const RANDOM_SEED = Date.now() ^ Math.floor(Math.random() * 0x7fffffff);

describe('router agreement with React Router matchRoutes (caseSensitive: false)', () => {
  it('the table is consistent: each route path, spelled as written, is decided by its own rule', () => {
    for (const [path, attached] of ROUTES) {
      const sample = path.replace(':slug', 'post').replace(':id', 'a1').replace(/\*$/, 'x');
      const explanation = lockstep.explain(new URL(sample, 'http://app.test').pathname);
      if (explanation.kind !== 'matched') throw new Error(`${sample} is malformed`);
      expect(explanation.route.access, path).toBe(attached.access);
      if (attached.access === 'public' || attached.access === 'protected') expect(explanation.route.verify, path).toBe(attached.verify);
    }
  });

  it('the property catches the bug it guards: matched case-sensitively, /ADMIN was decided in claims mode', () => {
    const servedId = matchRoutes(ROUTE_OBJECTS, '/ADMIN')?.at(-1)?.route.id;
    expect(ROUTES[Number(servedId)]?.[0]).toBe('/admin/*');
    expect(weakerBecause('/ADMIN', lockstepWith(true))).toMatch(/^weaker verify mode: "\/ADMIN" is served by "\/admin\/\*"/);
    expect(weakerBecause('/ADMIN')).toBeNull();
  });

  for (const [name, paths] of Object.entries(CLASSES)) {
    it.each([
      ['fixed seed', FIXED_SEED],
      ['random seed', RANDOM_SEED],
    ])(`${name}: ${RUNS} paths (%s) are never decided more weakly than the served route`, (_label, seed) => {
      served.userMode = 0;
      served.userModeNotAsWritten = 0;
      fc.assert(
        fc.property(paths, (raw) => {
          const why = weakerBecause(raw);
          if (why !== null) throw new Error(`[${name}] ${why}`);
        }),
        { numRuns: RUNS, seed },
      );
      // Not vacuous: a good share of the paths reach a user-mode route, many of them spelled otherwise.
      expect(served.userMode).toBeGreaterThan(RUNS / 100);
      if (SERVED_OTHERWISE_SPELLED.has(name)) expect(served.userModeNotAsWritten).toBeGreaterThan(RUNS / 1000);
    }, 300_000);
  }
});
