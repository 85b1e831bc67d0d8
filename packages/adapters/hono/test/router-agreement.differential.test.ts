// Issue 12 item 4: for generated hostile paths, Lockstep never decides a path more weakly than the
// rule of the route Hono's own router (the default SmartRouter of a real `Hono` app) serves it by.
import { createLockstep, type Lockstep } from '@lockstep/core';
import { supabase } from '@lockstep/supabase';
import { DENY_BY_DEFAULT, HOSTILE_PATH_CLASSES, ROUTER_AGREEMENT_RULES, weakerThanServed, type AttachedRule } from '@lockstep/contract-tests';
import fc from 'fast-check';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';

type Attached = AttachedRule;
const DEFAULT = DENY_BY_DEFAULT;
const RULES = ROUTER_AGREEMENT_RULES;

/** The app's routes in registration order (the first handler that answers wins), each with its rule. */
const ROUTES: readonly (readonly [path: string, attached: Attached])[] = [
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
  ['/dashboard/*', DEFAULT],
  ['*', DEFAULT],
];
const app = new Hono();
ROUTES.forEach(([path], index) => app.get(path, (c) => c.text(String(index))));

// The Hono adapter declares `caseSensitive: true` and `trailingSlash: 'strict'` (src/middleware.ts,
// Hono's defaults); contract C31 checks that the declaration reaches the core through the
// middleware. Here the same settings are named.
const lockstepWith = (caseSensitive: boolean, trailingSlash: 'strict' | 'ignore' = 'strict'): Lockstep =>
  createLockstep(
    { provider: supabase({ supabaseUrl: 'https://abcdefghijklmnop.supabase.co', supabaseKey: 'sb_publishable_test' }), routes: RULES, caseSensitive, trailingSlash },
    { fetch: () => Promise.reject(new Error('no network in this test')) },
  );
const lockstep = lockstepWith(true);


/** How many generated paths Hono served by a `user`-mode route: proof that a run is not vacuous. */
const served = { userMode: 0, userModeNotAsWritten: 0 };

/** Why Lockstep's decision is weaker than the served route's rule, or null when it is not. */
async function weakerBecause(rawPath: string, instance: Lockstep = lockstep): Promise<string | null> {
  // Concatenated, as a server builds the request URL from its request target: `//x` stays a path.
  const url = `http://app.test${rawPath}`;
  const response = await app.fetch(new Request(url));
  if (response.status !== 200) return null; // no route: Hono answers 404
  const servedId = await response.text();
  const [routePath, attached] = ROUTES[Number(servedId)] ?? ['?', DEFAULT];
  const pathname = new URL(url).pathname;
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
const SERVED_OTHERWISE_SPELLED: ReadonlySet<string> = new Set(['percent-encoding variants']);

const RUNS = 100_000;
const FIXED_SEED = 20261205;
const RANDOM_SEED = Date.now() ^ Math.floor(Math.random() * 0x7fffffff);

describe('router agreement with Hono\'s router (caseSensitive: true)', () => {
  it('the table is consistent: each route path, spelled as written, is served by it and decided by its own rule', async () => {
    for (const [index, [path, attached]] of ROUTES.entries()) {
      const sample = path.replace(':slug', 'post').replace(':id', 'a1').replace(/\*$/, 'x');
      const response = await app.fetch(new Request(`http://app.test${new URL(sample, 'http://app.test').pathname}`));
      expect(await response.text(), path).toBe(String(index));
      const explanation = lockstep.explain(new URL(sample, 'http://app.test').pathname);
      if (explanation.kind !== 'matched') throw new Error(`${sample} is malformed`);
      expect(explanation.route.access, path).toBe(attached.access);
      if (attached.access === 'public' || attached.access === 'protected') expect(explanation.route.verify, path).toBe(attached.verify);
    }
  });

  it('the property catches a downgrade: a table that matched case-insensitively only would be weaker for /BLOG/x', async () => {
    // Hono serves `/BLOG/x` by its catch-all (protected); a case-folded match alone would say public.
    const response = await app.fetch(new Request('http://app.test/BLOG/x'));
    expect(ROUTES[Number(await response.text())]?.[0]).toBe('*');
    expect(await weakerBecause('/BLOG/x')).toBeNull();
    expect(await weakerBecause('/blog//x')).toBeNull();
  });

  it('the property catches a downgrade: with trailing slashes ignored, /blog/x/ would be public though Hono serves it by its catch-all', async () => {
    expect(await weakerBecause('/blog/x/', lockstepWith(true, 'ignore'))).toMatch(/^weaker access: "\/blog\/x\/" is served by "\*"/);
    expect(await weakerBecause('/blog/x/')).toBeNull();
  });

  for (const [name, paths] of Object.entries(CLASSES)) {
    it.each([
      ['fixed seed', FIXED_SEED],
      ['random seed', RANDOM_SEED],
    ])(`${name}: ${RUNS} paths (%s) are never decided more weakly than the served route`, async (_label, seed) => {
      served.userMode = 0;
      served.userModeNotAsWritten = 0;
      await fc.assert(
        fc.asyncProperty(paths, async (raw) => {
          const why = await weakerBecause(raw);
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
