// Scale-out: 4 app processes × N concurrent requests with one expired session, via one Redis vs. each process's memory store.
// The processes, the balancer and the Redis server are the redis-store package's multi-process test harness.
import { startMockAuth, type RunningMockAuth } from '@lockstep/mock-auth';
import { startAppProcesses, type AppProcessGroup } from '../../packages/stores/redis-store/test/multi-process/app-processes.js';
import type { AppReply } from '../../packages/stores/redis-store/test/multi-process/protocol.js';
import { startRoundRobinBalancer, type RoundRobinBalancer } from '../../packages/stores/redis-store/test/multi-process/round-robin-balancer.js';
import { HAS_REDIS, startRedisServer } from '../../packages/stores/redis-store/test/support/redis-server.js';
import { USER, expiredSession } from './amplification.js';
import type { BenchResult, Size } from './results.js';
import { sessionCookieHeader, storageKeyFor } from './session-cookie.js';
import { quantile, round } from './stats.js';
import { barChart } from './svg-plot.js';
import { formatTable } from './table.js';

const PROCESSES = 4;
/** Concurrent requests per process; the total is PROCESSES × N. */
const SIZES = { smoke: [1, 10], full: [1, 10, 100] } as const;
/** Each measurement is repeated with a fresh session; latencies are pooled, calls averaged per round. */
const ROUNDS = { smoke: 1, full: 5 } as const;
const VARIANTS = ['Redis store (shared)', 'memory store (per process)'] as const;
type Variant = (typeof VARIANTS)[number];

/** One measurement: one store, one N. */
export interface ScaleOutRow {
  readonly variant: Variant;
  readonly processes: number;
  readonly perProcess: number;
  /** Requests per round. */
  readonly requests: number;
  readonly rounds: number;
  /** Upstream refresh calls per round (mean). */
  readonly refreshCalls: number;
  /** Distinct successor sessions the responses of a round carry (mean): the rotations the browser sees. */
  readonly rotations: number;
  /** Refresh calls over the Redis store's for the same N (1 for Redis). */
  readonly amplification: number;
  /** Requests answered with an authenticated session, over all rounds. */
  readonly authenticated: number;
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly wallMs: number;
}

/**
 * For each store, four separate Node processes (Lockstep core + the store, on node:http) behind a
 * round-robin loopback balancer, one mock auth server on loopback. For each N, a fresh session
 * whose access token expired an hour ago; PROCESSES × N requests with its cookie start at once
 * through the balancer; the mock counts `POST /token?grant_type=refresh_token`. Latency is per
 * request at the client, through the balancer (the refresh round trip included). The memory
 * variant runs on the same processes (a second Lockstep per process, picked by a header).
 */
export async function runScaleOut(size: Size): Promise<BenchResult> {
  if (!HAS_REDIS) {
    return { name: 'scale-out', title: 'Scale-out across processes', tables: ['redis-server or redis-cli not found: skipped (scripts/system-deps.sh installs them)'], data: { rows: [] }, plots: [] };
  }
  const [redis, mock] = await Promise.all([startRedisServer(), startMockAuth({ users: [USER] })]);
  let group: AppProcessGroup | undefined;
  let balancer: RoundRobinBalancer | undefined;
  const rows: ScaleOutRow[] = [];
  try {
    // One fleet for both variants: each process has a Lockstep on the shared Redis and one on its own memory store.
    group = await startAppProcesses(PROCESSES, { supabaseUrl: mock.url, supabaseKey: mock.anonKey, redisPort: redis.port, keyPrefix: 'bench:' });
    balancer = await startRoundRobinBalancer(group.processes.map((app) => app.port));
    await warmUp(balancer, mock);
    for (const perProcess of SIZES[size]) for (const variant of VARIANTS) rows.push(await measure(variant, perProcess, ROUNDS[size], balancer, mock));
  } finally {
    await Promise.all([group?.stop(), balancer?.close()]);
    await Promise.all([redis.stop(), mock.stop()]);
  }
  const withRatios = rows.map((row) => {
    const shared = rows.find((other) => other.variant === VARIANTS[0] && other.perProcess === row.perProcess);
    return { ...row, amplification: shared === undefined || shared.refreshCalls === 0 ? Number.NaN : row.refreshCalls / shared.refreshCalls };
  });
  const table = formatTable(
    ['store', 'processes', 'N / process', 'requests', 'rounds', 'refresh calls', 'rotations', 'calls vs Redis', 'authenticated', 'median ms', 'p99 ms', 'wall ms'],
    withRatios.map((row) => [row.variant, row.processes, row.perProcess, row.requests, row.rounds, round(row.refreshCalls), round(row.rotations), `${round(row.amplification)}×`, `${row.authenticated} / ${row.requests * row.rounds}`, round(row.medianMs), round(row.p99Ms), round(row.wallMs)]),
  );
  const ns = [...SIZES[size]];
  const plot = barChart({
    title: `Upstream refresh calls, ${PROCESSES} processes × N concurrent requests with one expired session`,
    yLabel: 'refresh calls',
    xLabel: 'N concurrent requests per process',
    categories: ns.map((n) => `N = ${n}`),
    series: VARIANTS.map((variant) => ({ label: variant, values: ns.map((n) => withRatios.find((row) => row.variant === variant && row.perProcess === n)?.refreshCalls ?? Number.NaN) })),
  });
  return { name: 'scale-out', title: `Scale-out: ${PROCESSES} processes, one Redis vs. per-process memory`, tables: [table], data: { rows: withRatios }, plots: [plot] };
}

/**
 * A round with a valid session and one with an expired one on every process and both stores, so
 * no measured request pays for a cold start (module loading, JIT, Redis connections and subscription).
 */
async function warmUp(balancer: RoundRobinBalancer, mock: RunningMockAuth): Promise<void> {
  const storageKey = storageKeyFor(mock.url);
  const valid = sessionCookieHeader(storageKey, await mock.controls.issueSession(USER.email));
  for (const variant of VARIANTS) {
    await Promise.all(Array.from({ length: 4 * PROCESSES }, () => send(balancer, variant, valid)));
    const expired = sessionCookieHeader(storageKey, await expiredSession(mock));
    await Promise.all(Array.from({ length: 2 * PROCESSES }, () => send(balancer, variant, expired)));
  }
}

async function send(balancer: RoundRobinBalancer, variant: Variant, cookie: string): Promise<AppReply | undefined> {
  const store = variant === VARIANTS[0] ? 'shared' : 'memory';
  const response = await fetch(`${balancer.url}/dashboard`, { headers: { cookie, accept: 'text/html', 'sec-fetch-mode': 'navigate', 'x-test-store': store }, signal: AbortSignal.timeout(30_000) });
  return response.status === 200 ? ((await response.json()) as AppReply) : undefined;
}

async function measure(variant: Variant, perProcess: number, rounds: number, balancer: RoundRobinBalancer, mock: RunningMockAuth): Promise<ScaleOutRow> {
  const requests = PROCESSES * perProcess;
  const latencies: number[] = [];
  let [refreshCalls, rotations, authenticated, wallMs] = [0, 0, 0, 0];
  for (let round = 0; round < rounds; round += 1) {
    const cookie = sessionCookieHeader(storageKeyFor(mock.url), await expiredSession(mock));
    mock.controls.resetCounters();
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: requests }, async () => {
        const sent = performance.now();
        const reply = await send(balancer, variant, cookie);
        return { reply, ms: performance.now() - sent };
      }),
    );
    wallMs += performance.now() - started;
    refreshCalls += mock.controls.calls('token:refresh_token');
    const signedIn = answers.filter((answer) => answer.reply?.authenticated === true);
    rotations += new Set(signedIn.map((answer) => answer.reply?.refreshToken)).size;
    authenticated += signedIn.length;
    latencies.push(...answers.map((answer) => answer.ms));
  }
  latencies.sort((a, b) => a - b);
  return {
    variant,
    processes: PROCESSES,
    perProcess,
    requests,
    rounds,
    refreshCalls: refreshCalls / rounds,
    rotations: rotations / rounds,
    amplification: Number.NaN,
    authenticated,
    medianMs: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    wallMs: wallMs / rounds,
  };
}
