// Overhead: per-request latency through Hono's `app.request` with a valid session, every variant side by side in one run.
import { startMockAuth } from '@lockstep/mock-auth';
import { API_PATH, appRequest, lockstepApp, noAuthApp, PAGE_PATH, recipeApp, type BenchApp } from './apps.js';
import { floorApp } from './floor.js';
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
// Users whose metadata (in the token and the cookie's user object, as GoTrue stores it) makes the
// session cookie about 10 chunks; the one that gives exactly 10 is used.
const BIG_USERS = [6_000, 6_300, 6_600, 6_900, 7_200].map((size) => ({
  email: `big-${size}@example.com`,
  password: 'bench-password-1',
  userMetadata: { bio: 'x'.repeat(size) },
}));
const CHUNKS = 10;

const FLOOR = 'floor (parse + hash + lookup)';
const CACHED = 'Lockstep claims (cached)';
const CACHED_EDGE = 'Lockstep claims (cached, Edge: pure-JS hash)';
const CACHED_NO_SESSION_CACHE = 'Lockstep claims (cached, session cache off)';
const CHUNKED = `Lockstep claims (cached, ${CHUNKS} chunks)`;
const CHUNKED_EDGE = `Lockstep claims (cached, ${CHUNKS} chunks, Edge: pure-JS hash)`;
const SESSION = 'Lockstep session';
const REVOKED_HELD = 10_000;
const CACHED_REVOCATIONS = `Lockstep claims (cached, ${REVOKED_HELD.toLocaleString('en')} revocations held)`;
const GET_CLAIMS = 'recipe getClaims()';
const NO_AUTH = 'no auth';
const NO_AUTH_CHUNKED = `no auth (${CHUNKS}-chunk cookie)`;

/** One line of the ratio table: the issue-14 goals, computed from the same run. */
export interface GoalRatio {
  readonly name: string;
  readonly value: number;
  readonly goal: string;
}

function goalRatios(added: (variant: string) => number, addedCpu: (variant: string) => number): GoalRatio[] {
  return [
    { name: 'Lockstep claims (cached): added µs', value: added(CACHED), goal: '≤ 15' },
    { name: 'Lockstep session: added µs', value: added(SESSION), goal: '≤ 10' },
    { name: 'recipe getClaims() ÷ Lockstep claims (cached)', value: added(GET_CLAIMS) / added(CACHED), goal: '≥ 10' },
    { name: `${CHUNKS} chunks ÷ 1 chunk (claims, cached)`, value: added(CHUNKED) / added(CACHED), goal: '≤ 3' },
    { name: 'Lockstep claims (cached) ÷ floor', value: added(CACHED) / added(FLOOR), goal: '(distance to the floor)' },
    { name: 'Lockstep claims (cached): added CPU µs', value: addedCpu(CACHED), goal: '≤ 15' },
    { name: 'Lockstep session: added CPU µs', value: addedCpu(SESSION), goal: '≤ 10' },
    { name: `${CHUNKS} chunks ÷ 1 chunk (claims, cached), CPU`, value: addedCpu(CHUNKED) / addedCpu(CACHED), goal: '≤ 3' },
    { name: 'Lockstep claims (cached) ÷ floor, CPU', value: addedCpu(CACHED) / addedCpu(FLOOR), goal: '(distance to the floor)' },
    { name: 'claims (cached, session cache off): added µs', value: added(CACHED_NO_SESSION_CACHE), goal: '(what the session cache saves)' },
    { name: `claims (cached, ${REVOKED_HELD.toLocaleString('en')} revocations held) − claims (cached): added µs`, value: added(CACHED_REVOCATIONS) - added(CACHED), goal: '(the revocation lookup; ≈ 0)' },
    { name: 'Edge (pure-JS hash, session cache off): added µs', value: added(CACHED_EDGE), goal: '(report)' },
    { name: `${CHUNKS} chunks ÷ 1 chunk (claims, cached, Edge)`, value: added(CHUNKED_EDGE) / added(CACHED_EDGE), goal: '(report)' },
  ];
}

/**
 * An app built the way it is on the Edge runtime: without `process.getBuiltinModule` the instance
 * finds no native hash, so it keeps the pure-JS SHA-256 and leaves the session cache off.
 */
function edgeApp(project: Parameters<typeof lockstepApp>[0]): BenchApp {
  const host = globalThis.process as { getBuiltinModule?: unknown };
  const lookup = host.getBuiltinModule;
  host.getBuiltinModule = undefined;
  try {
    return lockstepApp(project, 'claims').app;
  } finally {
    host.getBuiltinModule = lookup;
  }
}

interface Variant {
  readonly name: string;
  /** The no-auth variant its added time is measured from: the one with the same cookie. */
  readonly baseline?: string;
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
  /** Process CPU time per request (median over batches): unlike the wall clock, it does not count time the process waited for a core. */
  readonly cpuUs: number;
  readonly addedCpuUs: number;
}

/**
 * Runs every variant in shuffled order per round (so drift hits all alike), `batch` requests at a
 * time, discarding the warm-up rounds; each sample is one `await app.request(…)` timed with
 * `performance.now()`. The mock listens on loopback: the `user` mode and `getUser()` pay a real
 * local HTTP round trip, the `claims` mode and `getClaims()` fetch the JWKS once.
 */
export async function runOverhead(size: Size): Promise<BenchResult> {
  const { rounds, warmupRounds, batch } = SIZES[size];
  const mock = await startMockAuth({ users: [USER, ...BIG_USERS] });
  try {
    const project = { url: mock.url, anonKey: mock.anonKey };
    const storageKey = lockstepApp(project, 'claims').instance.config.storageKey;
    const valid = sessionCookieHeader(storageKey, await mock.controls.issueSession(USER.email));
    let chunked: string | undefined;
    for (const user of BIG_USERS) {
      const header = sessionCookieHeader(storageKey, await mock.controls.issueSession(user.email));
      if (chunked === undefined && header.split("; ").length === CHUNKS) chunked = header;
    }
    if (chunked === undefined || valid.includes('; ')) throw new Error(`overhead: no ${CHUNKS}-chunk (or no 1-chunk) session cookie`);
    const big = chunked;
    // The cold variant needs a token no cache has seen for every request (warm-up included).
    const coldTotal = (rounds + warmupRounds) * batch;
    const coldCookies: string[] = [];
    for (let i = 0; i < coldTotal; i += 1) coldCookies.push(sessionCookieHeader(storageKey, await mock.controls.issueSession(USER.email)));
    let coldIndex = 0;

    const variants: Variant[] = [
      { name: NO_AUTH, app: noAuthApp(), cookie: () => valid },
      { name: NO_AUTH_CHUNKED, app: noAuthApp(), cookie: () => big },
      { name: FLOOR, app: floorApp(storageKey), cookie: () => valid },
      { name: CACHED, app: lockstepApp(project, 'claims').app, cookie: () => valid },
      { name: CACHED_NO_SESSION_CACHE, app: lockstepApp(project, 'claims', {}, { jwt: { sessionCacheBytes: 0 } }).app, cookie: () => valid },
      { name: CACHED_EDGE, app: edgeApp(project), cookie: () => valid },
      { name: CACHED_REVOCATIONS, app: await withRevocationsHeld(lockstepApp(project, 'claims'), REVOKED_HELD), cookie: () => valid },
      { name: CHUNKED, app: lockstepApp(project, 'claims').app, cookie: () => big, baseline: NO_AUTH_CHUNKED },
      { name: CHUNKED_EDGE, app: edgeApp(project), cookie: () => big, baseline: NO_AUTH_CHUNKED },
      { name: 'Lockstep claims (cold)', app: lockstepApp(project, 'claims').app, cookie: () => coldCookies[coldIndex++] ?? valid },
      { name: 'Lockstep user', app: lockstepApp(project, 'user').app, cookie: () => valid },
      { name: SESSION, app: lockstepApp(project, 'session').app, cookie: () => valid },
      { name: GET_CLAIMS, app: recipeApp(project, 'getClaims'), cookie: () => valid },
      { name: 'recipe getUser()', app: recipeApp(project, 'getUser'), cookie: () => valid },
    ];
    const samples = new Map<string, number[]>(variants.map((variant) => [variant.name, []]));
    const cpuSamples = new Map<string, number[]>(variants.map((variant) => [variant.name, []]));
    const random = createRandom(8);

    // One request first, untimed: the claims variants fetch the JWKS here, and every app proves it answers 200.
    for (const variant of variants) {
      const response = await variant.app.request(appRequest(PAGE_PATH, variant.cookie(), 'api'));
      if (response.status !== 200) throw new Error(`overhead: ${variant.name} answered ${response.status}`);
    }
    for (let round = 0; round < rounds + warmupRounds; round += 1) {
      for (const variant of shuffled(variants, random)) {
        const out = samples.get(variant.name) as number[];
        const cpuStart = process.cpuUsage();
        for (let i = 0; i < batch; i += 1) {
          const request = appRequest(i % 2 === 0 ? PAGE_PATH : API_PATH, variant.cookie(), 'api');
          const start = performance.now();
          const response = await variant.app.request(request);
          const elapsed = performance.now() - start;
          if (response.status !== 200) throw new Error(`overhead: ${variant.name} answered ${response.status}`);
          if (round >= warmupRounds) out.push(elapsed);
        }
        const cpu = process.cpuUsage(cpuStart);
        // In ms like the wall samples, so summarize() reports µs; includes building the requests, alike for every variant.
        if (round >= warmupRounds) (cpuSamples.get(variant.name) as number[]).push((cpu.user + cpu.system) / batch / 1000);
      }
    }

    // A variant's added time is over the no-auth app given the same cookie: building and reading a
    // 32 KB request costs the app without auth too (the CPU column counts building the requests).
    const rows: OverheadRow[] = variants.map((variant) => {
      const baseline = summarize(samples.get(variant.baseline ?? NO_AUTH) as number[]);
      const baselineCpu = summarize(cpuSamples.get(variant.baseline ?? NO_AUTH) as number[]).medianUs;
      const summary = summarize(samples.get(variant.name) as number[]);
      const cpuUs = summarize(cpuSamples.get(variant.name) as number[]).medianUs;
      return {
        variant: variant.name,
        ...summary,
        medianRatio: summary.medianUs / baseline.medianUs,
        p99Ratio: summary.p99Us / baseline.p99Us,
        addedMedianUs: summary.medianUs - baseline.medianUs,
        cpuUs,
        addedCpuUs: cpuUs - baselineCpu,
      };
    });
    const table = formatTable(
      ['variant', 'median µs', 'p99 µs', 'added median µs', 'CPU µs', 'added CPU µs', '× no-auth (median)', '× no-auth (p99)', 'n'],
      rows.map((row) => [row.variant, round(row.medianUs), round(row.p99Us), round(row.addedMedianUs), round(row.cpuUs), round(row.addedCpuUs), round(row.medianRatio), round(row.p99Ratio), row.n]),
    );
    const added = (name: string): number => rows.find((row) => row.variant === name)?.addedMedianUs ?? Number.NaN;
    const addedCpu = (name: string): number => rows.find((row) => row.variant === name)?.addedCpuUs ?? Number.NaN;
    const ratios = goalRatios(added, addedCpu);
    const ratioTable = formatTable(
      ['ratio (added median µs, or CPU µs where named; this run)', 'value', 'goal'],
      ratios.map((ratio) => [ratio.name, round(ratio.value), ratio.goal]),
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
      tables: [table, ratioTable],
      data: { rounds, warmupRounds, batch, rows, ratios, upstreamCalls: upstream },
      plots: [plot],
    };
  } finally {
    await mock.stop();
  }
}

/** The app, its instance holding `count` revoked sessions and a revoked user (none of them the benchmark's): the lookup a request pays after sign-outs. */
async function withRevocationsHeld<A>(built: { readonly app: A; readonly instance: { revokeSession(id: string): Promise<void>; revokeUser(id: string): Promise<void> } }, count: number): Promise<A> {
  await Promise.all(Array.from({ length: count }, (_, index) => built.instance.revokeSession(`revoked-session-${index}`)));
  await built.instance.revokeUser('revoked-user');
  return built.app;
}
