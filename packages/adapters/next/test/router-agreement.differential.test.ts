// Issue 12 item 4: for generated hostile paths, Lockstep never decides a path more weakly than the
// rule of the route Next.js dispatches it to.
//
// Next's dispatch is modelled with Next's own exported routing utilities, in the order its router
// server applies them (next/dist/server/lib/router-utils/resolve-routes.js and filesystem.js):
// repeated slashes and backslashes are answered with a 308 before the proxy runs
// (`normalizeRepeatedSlashes`), so is a trailing slash (`trailingSlash: false`); a static route is
// looked up by the path as sent and by its `decodeURIComponent` form; then the dynamic routes, in
// `getSortedRoutes` order, are tried with `getRouteMatcher(getRouteRegex(page))` on the path as
// sent. Running 600,000 requests against a live `next start` would take far longer than the suite
// allows on two cores, so the live build is checked with a bounded sample instead
// (router-agreement.live.test.ts) and this file runs the generated classes against the utilities.
import { createLockstep, type Lockstep } from '@lockstep/core';
import { supabase } from '@lockstep/supabase';
import { DENY_BY_DEFAULT, HOSTILE_PATH_CLASSES, ROUTER_AGREEMENT_RULES, weakerThanServed, type AttachedRule } from '@lockstep/contract-tests';
import fc from 'fast-check';
import { getRouteMatcher } from 'next/dist/shared/lib/router/utils/route-matcher.js';
import { getRouteRegex } from 'next/dist/shared/lib/router/utils/route-regex.js';
import { getSortedRoutes } from 'next/dist/shared/lib/router/utils/sorted-routes.js';
import { normalizeRepeatedSlashes } from 'next/dist/shared/lib/utils.js';
import { describe, expect, it } from 'vitest';

type Attached = AttachedRule;
const DEFAULT = DENY_BY_DEFAULT;
const RULES = ROUTER_AGREEMENT_RULES;

/** The app's routes as Next names them (`app/<route>/page.tsx`), each with the rule it is written under. */
const ROUTES: Readonly<Record<string, Attached>> = {
  '/': { access: 'public', verify: 'claims' },
  '/blog/[slug]': { access: 'public', verify: 'claims' },
  '/api/health': { access: 'public', verify: 'claims' },
  '/café': { access: 'public', verify: 'claims' },
  '/api/webhooks/[id]': { access: 'public', verify: 'claims' },
  '/admin/users': { access: 'protected', verify: 'user' },
  '/admin/[[...slug]]': { access: 'protected', verify: 'user' },
  '/secret/[...rest]': { access: 'protected', verify: 'user' },
  '/Reports/[...rest]': { access: 'protected', verify: 'user' },
  '/kit/[id]': { access: 'protected', verify: 'user' },
  '/hints/tips': { access: 'protected', verify: 'session' },
  '/hints/[[...slug]]': { access: 'protected', verify: 'session' },
  '/assets/[[...path]]': { access: 'ignore', verify: 'claims' },
  '/login': { access: 'authPage', verify: 'claims' },
  '/auth/callback': { access: 'public', verify: 'claims' },
  '/dashboard/[[...slug]]': DEFAULT,
  '/[...catchAll]': DEFAULT,
};
const isDynamic = (route: string): boolean => route.includes('[');
const STATIC = new Set(Object.keys(ROUTES).filter((route) => !isDynamic(route)));
const DYNAMIC = getSortedRoutes(Object.keys(ROUTES).filter(isDynamic)).map((page) => ({
  page,
  match: getRouteMatcher(getRouteRegex(page)),
}));

/** The route Next dispatches a request path to, `redirect` for its own 308s, or null (404 or 400). */
function nextDispatch(pathname: string): string | 'redirect' | null {
  if (normalizeRepeatedSlashes(pathname) !== pathname) return 'redirect';
  if (pathname !== '/' && pathname.endsWith('/')) return 'redirect';
  if (STATIC.has(pathname)) return pathname;
  try {
    const decoded = decodeURIComponent(pathname);
    if (STATIC.has(decoded)) return decoded;
  } catch {
    // Next keeps the path as sent when it cannot be decoded.
  }
  for (const route of DYNAMIC) {
    try {
      if (route.match(pathname) !== false) return route.page;
    } catch {
      return null; // a parameter that cannot be decoded: Next answers 400
    }
  }
  return null;
}

// The Next adapter declares `caseSensitive: true` (src/instance.ts); contract C31 checks that the
// declaration reaches the core through the proxy. Here the same setting is named.
const lockstepWith = (caseSensitive: boolean): Lockstep =>
  createLockstep(
    { provider: supabase({ supabaseUrl: 'https://abcdefghijklmnop.supabase.co', supabaseKey: 'sb_publishable_test' }), routes: RULES, caseSensitive },
    { fetch: () => Promise.reject(new Error('no network in this test')) },
  );
const lockstep = lockstepWith(true);


/** How many generated paths Next served by a `user`-mode route: proof that a run is not vacuous. */
const served = { userMode: 0, userModeNotAsWritten: 0 };

/** Why Lockstep's decision is weaker than the served route's rule, or null when it is not. */
function weakerBecause(rawPath: string, instance: Lockstep = lockstep): string | null {
  // Concatenated, as a server builds the request URL from its request target: `//x` stays a path.
  const pathname = new URL(`http://app.test${rawPath}`).pathname;
  const route = nextDispatch(pathname);
  if (route === null || route === 'redirect') return null; // no page, or Next's own redirect first
  const attached = ROUTES[route] ?? DEFAULT;
  if (attached.verify === 'user') {
    served.userMode++;
    if (!pathname.startsWith(route.replace(/\[.*$/, '').replace(/\/$/, ''))) served.userModeNotAsWritten++;
  }
  const explanation = instance.explain(pathname);
  if (explanation.kind === 'malformed') return null; // a 400: never served
  const { access, verify } = explanation.route;
  return weakerThanServed({ access, verify }, attached, `${JSON.stringify(pathname)} is served by "${route}"`);
}

const CLASSES = HOSTILE_PATH_CLASSES;

/**
 * The classes in which this router often serves user-mode routes under spellings other than the
 * route's own. None for Next: only its decoded static lookup does (`/admin%2Fusers`), which the
 * generated paths rarely hit, so that case has its own test above.
 */
const SERVED_OTHERWISE_SPELLED: ReadonlySet<string> = new Set<string>();

const RUNS = 100_000;
const FIXED_SEED = 20261205;
const RANDOM_SEED = Date.now() ^ Math.floor(Math.random() * 0x7fffffff);

describe('router agreement with Next.js route matching (caseSensitive: true)', () => {
  it('the model dispatches each route, spelled as written, to itself, and Lockstep decides it by its own rule', () => {
    for (const [route, attached] of Object.entries(ROUTES)) {
      const sample = route.replace(/\[\[?\.{0,3}(\w+)\]\]?/g, 'a1');
      const pathname = new URL(`http://app.test${sample}`).pathname;
      expect(nextDispatch(pathname), route).toBe(route);
      const explanation = lockstep.explain(pathname);
      if (explanation.kind !== 'matched') throw new Error(`${sample} is malformed`);
      expect(explanation.route.access, route).toBe(attached.access);
      if (attached.access === 'public' || attached.access === 'protected') expect(explanation.route.verify, route).toBe(attached.verify);
    }
  });

  it("catches the downgrades Next's own matching allows: decoded static lookup, dynamic routes matched as sent", () => {
    expect(nextDispatch('/admin%2Fusers')).toBe('/admin/users');
    expect(nextDispatch('/admin/%75sers')).toBe('/admin/users');
    expect(nextDispatch('/bl%6Fg/post')).toBe('/[...catchAll]');
    for (const path of ['/admin%2Fusers', '/admin/%75sers', '/bl%6Fg/post', '/%61ssets/x']) expect(weakerBecause(path), path).toBeNull();
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
      // Not vacuous: a share of the paths reach a user-mode route (Next redirects many of them first),
      // some of them spelled otherwise.
      expect(served.userMode).toBeGreaterThan(RUNS / 200);
      if (SERVED_OTHERWISE_SPELLED.has(name)) expect(served.userModeNotAsWritten).toBeGreaterThan(RUNS / 1000);
    }, 300_000);
  }
});
