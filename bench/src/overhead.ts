// Overhead: per-request latency through Hono's `app.request` with a valid session, every variant side by side in one run.
import { startMockAuth } from '@lockstep/mock-auth';
import { API_PATH, appRequest, lockstepApp, noAuthApp, PAGE_PATH, recipeApp, type BenchApp } from './apps.js';
import { createRandom, shuffled } from './prng.js';
import type { BenchResult, Size } from './results.js';
import { round, summarize, type Summary } from './stats.js';
import { barChart } from './svg-plot.js';
import { sessionCookieHeader } from './session-cookie.js';
import { formatTable } from './table.js';

const SIZES = {
  smoke: { rounds: 4, warmupRounds: 1, batch: 10 },
  full: { rounds: 60, warmupRounds: 5, batch: 50 },
} as const;

const USER = { email: 'bench@example.com', password: 'bench-password-1' } as const;

interface Variant {
  readonly name: string;
  /** The `Cookie` header of the next request (a new token for the cold variant). */
  readonly cookie: () => string;
  readonly app: BenchApp;
}

/** One row of the overhead table. */
export interface OverheadRow extends Summary {
  readonly variant: string;
  readonly medianRatio: number;
  readonly p99Ratio: number;
  readonly addedMedianUs: number;
}

/**
 * Runs every variant in shuffled order per round (so drift hits all alike), `batch` requests at a
 * time, discarding the warm-up rounds; each sample is one `await app.request(…)` timed with
 * `performance.now()`. The mock listens on loopback: the `user` mode and `getUser()` pay a real
 * local HTTP round trip, the `claims` mode and `getClaims()` fetch the JWKS once.
 */
export async function runOverhead(size: Size): Promise<BenchResult> {
  const { rounds, warmupRounds, batch } = SIZES[size];
  const mock = await startMockAuth({ users: [USER] });
  try {
    const project = { url: mock.url, anonKey: mock.anonKey };
    const storageKey = lockstepApp(project, 'claims').instance.config.storageKey;
    const valid = sessionCookieHeader(storageKey, await mock.controls.issueSession(USER.email));
    // The cold variant needs a token no cache has seen for every request (warm-up included).
    const coldTotal = (rounds + warmupRounds) * batch;
    const coldCookies: string[] = [];
    for (let i = 0; i < coldTotal; i += 1) coldCookies.push(sessionCookieHeader(storageKey, await mock.controls.issueSession(USER.email)));
    let coldIndex = 0;

    const variants: Variant[] = [
      { name: 'no auth', app: noAuthApp(), cookie: () => valid },
      { name: 'Lockstep claims (cached)', app: lockstepApp(project, 'claims').app, cookie: () => valid },
      { name: 'Lockstep claims (cold)', app: lockstepApp(project, 'claims').app, cookie: () => coldCookies[coldIndex++] ?? valid },
      { name: 'Lockstep user', app: lockstepApp(project, 'user').app, cookie: () => valid },
      { name: 'Lockstep session', app: lockstepApp(project, 'session').app, cookie: () => valid },
      { name: 'recipe getClaims()', app: recipeApp(project, 'getClaims'), cookie: () => valid },
      { name: 'recipe getUser()', app: recipeApp(project, 'getUser'), cookie: () => valid },
    ];
    const samples = new Map<string, number[]>(variants.map((variant) => [variant.name, []]));
    const random = createRandom(8);

    // One request first, untimed: the claims variants fetch the JWKS here, and every app proves it answers 200.
    for (const variant of variants) {
      const response = await variant.app.request(appRequest(PAGE_PATH, variant.cookie(), 'api'));
      if (response.status !== 200) throw new Error(`overhead: ${variant.name} answered ${response.status}`);
    }
    for (let round = 0; round < rounds + warmupRounds; round += 1) {
      for (const variant of shuffled(variants, random)) {
        const out = samples.get(variant.name) as number[];
        for (let i = 0; i < batch; i += 1) {
          const request = appRequest(i % 2 === 0 ? PAGE_PATH : API_PATH, variant.cookie(), 'api');
          const start = performance.now();
          const response = await variant.app.request(request);
          const elapsed = performance.now() - start;
          if (response.status !== 200) throw new Error(`overhead: ${variant.name} answered ${response.status}`);
          if (round >= warmupRounds) out.push(elapsed);
        }
      }
    }

    const baseline = summarize(samples.get('no auth') as number[]);
    const rows: OverheadRow[] = variants.map((variant) => {
      const summary = summarize(samples.get(variant.name) as number[]);
      return {
        variant: variant.name,
        ...summary,
        medianRatio: summary.medianUs / baseline.medianUs,
        p99Ratio: summary.p99Us / baseline.p99Us,
        addedMedianUs: summary.medianUs - baseline.medianUs,
      };
    });
    const table = formatTable(
      ['variant', 'median µs', 'p99 µs', 'added median µs', '× no-auth (median)', '× no-auth (p99)', 'n'],
      rows.map((row) => [row.variant, round(row.medianUs), round(row.p99Us), round(row.addedMedianUs), round(row.medianRatio), round(row.p99Ratio), row.n]),
    );
    const upstream = { user: mock.controls.calls('user'), jwks: mock.controls.calls('jwks'), refresh: mock.controls.calls('token:refresh_token') };
    const plot = barChart({
      title: 'Overhead per request (valid session, Hono app.request)',
      yLabel: 'µs per request (log scale)',
      categories: rows.map((row) => row.variant.replace('Lockstep ', 'LS ').replace('recipe ', 'ssr ')),
      series: [
        { label: 'median', values: rows.map((row) => row.medianUs) },
        { label: 'p99', values: rows.map((row) => row.p99Us) },
      ],
      logY: true,
    });
    return {
      name: 'overhead',
      title: 'Overhead per request',
      tables: [table],
      data: { rounds, warmupRounds, batch, rows, upstreamCalls: upstream },
      plots: [plot],
    };
  } finally {
    await mock.stop();
  }
}
