// Issue 12 item 4 on a real build: for a bounded sample of generated hostile paths, the route a live
// `next start` of the fixture dispatches to is never one whose rule is stricter than Lockstep's
// decision. The generated 100,000-path classes run against Next's own matching utilities
// (router-agreement.differential.test.ts); each request here costs a round trip to a server.
import { createLockstep, type RouteAccess, type VerifyMode } from '@lockstep/core';
import { supabase } from '@lockstep/supabase';
import { FIXTURE_RULES, weakerThanServed } from '@lockstep/contract-tests';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNextFixture, type NextApp } from './next-harness.js';

interface Attached {
  readonly access: RouteAccess;
  readonly verify: VerifyMode;
}
const DEFAULT: Attached = { access: 'protected', verify: 'claims' };
const PUBLIC: Attached = { access: 'public', verify: 'claims' };

/** The fixture's probe answers (route name, or the body of a route without a probe) and the rule each route is written under. */
const ATTACHED: Readonly<Record<string, Attached>> = {
  home: PUBLIC,
  health: PUBLIC,
  webhooks: PUBLIC,
  guarded: PUBLIC,
  'guarded-admin': PUBLIC,
  login: { access: 'authPage', verify: 'claims' },
  admin: { access: 'protected', verify: 'user' },
  hints: { access: 'protected', verify: 'session' },
  assets: { access: 'ignore', verify: 'claims' },
  dashboard: DEFAULT,
  me: DEFAULT,
};

/** Which fixture route answered: its probe name, or null for a page (HTML), a redirect, a 404 or a 400. */
async function servedBy(response: Response): Promise<string | null> {
  if (response.status !== 200) return null;
  const type = response.headers.get('content-type') ?? '';
  if (type.startsWith('text/plain')) return (await response.text()) === 'asset' ? 'assets' : null;
  if (!type.startsWith('application/json')) return null;
  const body = (await response.json()) as { route?: unknown; ok?: unknown; received?: unknown };
  if (typeof body.route === 'string') return body.route;
  if (body.ok === true) return 'health';
  if (body.received === true) return 'webhooks';
  return null;
}

// The contract's route table, decided as the Next adapter decides it (`caseSensitive: true`).
const lockstep = createLockstep(
    { provider: supabase({ supabaseUrl: 'http://127.0.0.1:9', supabaseKey: 'sb_publishable_test' }), routes: FIXTURE_RULES, caseSensitive: true },
  { fetch: () => Promise.reject(new Error('no network in this test')) },
);

const WORDS = ['admin', 'users', 'hints', 'dashboard', 'api', 'me', 'health', 'webhooks', 'stripe', 'assets', 'login', 'guarded', 'x', ''];
const SEPARATORS = ['/', '/', '/', '//', '/./', '/../', '%2F', '/;/', '\\'];
const mutate = (w: string, choice: number): string => {
  if (choice === 1) return w.toUpperCase();
  if (choice === 2) return w.replace(/[a-z]/, (c) => `%${c.charCodeAt(0).toString(16)}`);
  if (choice === 3) return w.replace(/[a-z]/, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  if (choice === 4) return w.replace('s', 'ſ').replace('k', '\u212A').replace('i', 'İ');
  return w;
};
const segment = fc.tuple(fc.constantFrom(...WORDS), fc.nat({ max: 8 })).map(([w, choice]) => mutate(w, choice));
const hostilePath = fc
  .tuple(fc.array(fc.tuple(fc.constantFrom(...SEPARATORS), segment), { minLength: 1, maxLength: 3 }), fc.constantFrom('', '', '/'))
  .map(([parts, tail]) => parts.map(([sep, seg]) => (sep === '%2F' ? `/x${sep}` : sep) + seg).join('') + tail);

const SAMPLE = 600;

describe('router agreement with a live Next.js build (bounded sample)', () => {
  let app: NextApp | undefined;
  beforeAll(async () => {
    // Every path passes the proxy untouched, so each response shows where Next itself dispatched it.
    app = await startNextFixture({
      supabaseUrl: 'http://127.0.0.1:9',
      supabaseKey: 'sb_publishable_test',
      routes: [{ match: '/**', access: 'public', session: false }],
    });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it(`${SAMPLE} generated paths (fixed seed, then a random one): never decided more weakly than the route Next serves`, async () => {
    const running = app;
    if (running === undefined) throw new Error('the fixture did not start');
    const paths = [
      ...fc.sample(hostilePath, { numRuns: SAMPLE / 2, seed: 20261205 }),
      ...fc.sample(hostilePath, { numRuns: SAMPLE / 2, seed: Date.now() ^ Math.floor(Math.random() * 0x7fffffff) }),
    ];
    const failures: string[] = [];
    const counts = { served: 0, userMode: 0 };
    for (const raw of paths) {
      const url = `${running.origin}${raw}`;
      const route = await servedBy(await running.fetch(new Request(url, { headers: { accept: 'application/json' } })));
      if (route === null) continue;
      const attached = ATTACHED[route];
      if (attached === undefined) throw new Error(`unknown fixture route ${route}`);
      counts.served++;
      if (attached.verify === 'user') counts.userMode++;
      const explanation = lockstep.explain(new URL(url).pathname);
      if (explanation.kind === 'malformed') continue;
      const { access, verify } = explanation.route;
      const weaker = weakerThanServed({ access, verify }, attached, `${JSON.stringify(raw)} is served by ${route}`);
      if (weaker !== null) failures.push(weaker);
    }
    expect(failures).toEqual([]);
    // Not vacuous: a share of the sampled paths reach a route (most are 404s or Next's own
    // redirects), some of them the user-mode admin route.
    expect(counts.served).toBeGreaterThan(SAMPLE / 20);
    expect(counts.userMode).toBeGreaterThan(0);
  }, 300_000);
});
