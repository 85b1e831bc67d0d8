// HTTP level: a real @hono/node-server on loopback under a bounded load (autocannon in a child process), every variant side by side.
import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { startMockAuth } from '@lockstep/mock-auth';
import { lockstepApp, noAuthApp, PAGE_PATH, passThroughApp, recipeApp } from './apps.js';
import { floorApp } from './floor.js';
import type { LoadJob, LoadResult } from './load-generator.js';
import type { BenchResult, Size } from './results.js';
import { round } from './stats.js';
import { barChart } from './svg-plot.js';
import { sessionCookieHeader } from './session-cookie.js';
import { formatTable } from './table.js';

const SIZES = {
  smoke: { rounds: 1, connections: 4, warmupRequests: 100, seconds: 1 },
  full: { rounds: 5, connections: 16, warmupRequests: 3_000, seconds: 3 },
} as const;

const USER = { email: 'bench@example.com', password: 'bench-password-1' } as const;

const NO_AUTH = 'no auth';
const FLOOR = 'floor (parse + hash + lookup)';
const CACHED = 'Lockstep claims (cached)';
const PASS_THROUGH = 'no auth, one pass-through middleware';
const SESSION = 'Lockstep session';
const RECIPE = 'recipe getClaims()';

/** One row of the HTTP table: a variant's throughput and the server's CPU per request. */
export interface HttpRow {
  readonly variant: string;
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly ratioToNoAuth: number;
  readonly serverCpuUsPerRequest: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly failed: number;
}

interface Served {
  readonly url: string;
  close(): Promise<void>;
}

async function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<Served> {
  const server = await new Promise<ServerType>((resolve) => {
    const started: ServerType = serve({ fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${PAGE_PATH}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The load generator: one child process for the whole run (its CPU is its own, not the server's). */
class LoadGenerator {
  readonly #child = fork(new URL('./load-generator.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });

  /**
   * Runs one job. The server's CPU (this process: the app, and the mock, idle for cached variants)
   * is `process.cpuUsage()` from the child's 'measuring' message to its result: the warm-up is not counted.
   */
  run(job: LoadJob): Promise<{ result: LoadResult; cpuUs: number }> {
    return new Promise((resolve, reject) => {
      let cpuStart: NodeJS.CpuUsage | undefined;
      const onExit = (code: number | null): void => reject(new Error(`load generator exited with ${String(code)}`));
      const onMessage = (message: unknown): void => {
        if (message === 'measuring') {
          cpuStart = process.cpuUsage();
          return;
        }
        const cpu = process.cpuUsage(cpuStart);
        this.#child.off('message', onMessage).off('exit', onExit);
        resolve({ result: message as LoadResult, cpuUs: cpu.user + cpu.system });
      };
      this.#child.on('message', onMessage).on('exit', onExit);
      this.#child.send(job);
    });
  }

  close(): void {
    this.#child.send('exit');
  }
}

/**
 * Serves each variant on 127.0.0.1 (port 0) with @hono/node-server, one at a time, and loads it for
 * `seconds` over `connections` keep-alive connections after a warm-up; the variants take turns
 * over `rounds` rounds and the rounds are summed.
 */
export async function runHttpLoad(size: Size): Promise<BenchResult> {
  const { rounds, connections, warmupRequests, seconds } = SIZES[size];
  const mock = await startMockAuth({ users: [USER] });
  const generator = new LoadGenerator();
  try {
    const project = { url: mock.url, anonKey: mock.anonKey };
    const storageKey = lockstepApp(project, 'claims').instance.config.storageKey;
    const cookie = sessionCookieHeader(storageKey, await mock.controls.issueSession(USER.email));
    const headers = { cookie, accept: 'application/json', 'sec-fetch-mode': 'cors' };
    const variants = [
      { name: NO_AUTH, fetch: noAuthApp().fetch },
      { name: PASS_THROUGH, fetch: passThroughApp().fetch },
      { name: FLOOR, fetch: floorApp(storageKey).fetch },
      { name: CACHED, fetch: lockstepApp(project, 'claims').app.fetch },
      { name: SESSION, fetch: lockstepApp(project, 'session').app.fetch },
      { name: RECIPE, fetch: recipeApp(project, 'getClaims').fetch },
    ];
    const totals = new Map(variants.map((variant) => [variant.name, { requests: 0, ms: 0, cpuUs: 0, p50: [] as number[], p99: [] as number[], failed: 0 }]));
    for (let round_ = 0; round_ < rounds; round_ += 1) {
      for (const variant of variants) {
        const served = await listen(variant.fetch);
        try {
          const { result, cpuUs } = await generator.run({ url: served.url, headers, connections, warmupRequests, seconds });
          const total = totals.get(variant.name);
          if (total === undefined) throw new Error('unreachable');
          total.requests += result.requests;
          total.ms += result.durationMs;
          total.cpuUs += cpuUs;
          total.p50.push(result.latencyP50Ms);
          total.p99.push(result.latencyP99Ms);
          total.failed += result.non2xx + result.errors;
        } finally {
          await served.close();
        }
      }
    }
    const rate = (name: string): number => {
      const total = totals.get(name);
      return total === undefined ? Number.NaN : (total.requests / total.ms) * 1000;
    };
    const rows: HttpRow[] = variants.map(({ name }) => {
      const total = totals.get(name) ?? { requests: 0, ms: 0, cpuUs: 0, p50: [], p99: [], failed: 0 };
      return {
        variant: name,
        requests: total.requests,
        requestsPerSecond: rate(name),
        ratioToNoAuth: rate(name) / rate(NO_AUTH),
        serverCpuUsPerRequest: total.cpuUs / total.requests,
        latencyP50Ms: Math.max(...total.p50),
        latencyP99Ms: Math.max(...total.p99),
        failed: total.failed,
      };
    });
    const cpu = (name: string): number => rows.find((row) => row.variant === name)?.serverCpuUsPerRequest ?? Number.NaN;
    const ratio = (name: string): number => rows.find((row) => row.variant === name)?.ratioToNoAuth ?? Number.NaN;
    const ratios = [
      { name: `${CACHED}: requests/s ÷ no auth`, value: ratio(CACHED), goal: '≥ 0.6' },
      { name: `${CACHED}: requests/s ÷ ${PASS_THROUGH}`, value: ratio(CACHED) / ratio(PASS_THROUGH), goal: '(the middleware alone)' },
      { name: `${PASS_THROUGH}: requests/s ÷ no auth`, value: ratio(PASS_THROUGH), goal: '(any middleware)' },
      { name: `${SESSION}: requests/s ÷ no auth`, value: ratio(SESSION), goal: '(report)' },
      { name: `${FLOOR}: requests/s ÷ no auth`, value: ratio(FLOOR), goal: '(the floor)' },
      { name: `${CACHED}: server CPU µs added per request`, value: cpu(CACHED) - cpu(NO_AUTH), goal: '(report)' },
      { name: `${CACHED}: added server CPU ÷ floor's`, value: (cpu(CACHED) - cpu(NO_AUTH)) / (cpu(FLOOR) - cpu(NO_AUTH)), goal: '(distance to the floor)' },
      { name: `${RECIPE}: added server CPU ÷ ${CACHED}'s`, value: (cpu(RECIPE) - cpu(NO_AUTH)) / (cpu(CACHED) - cpu(NO_AUTH)), goal: '(report)' },
    ];
    const tables = [
      formatTable(
        ['variant', 'requests', 'requests/s', '× no-auth req/s', 'server CPU µs / request', 'p50 ms (worst round)', 'p99 ms (worst round)', 'failed'],
        rows.map((row) => [row.variant, row.requests, round(row.requestsPerSecond), round(row.ratioToNoAuth), round(row.serverCpuUsPerRequest), round(row.latencyP50Ms), round(row.latencyP99Ms), row.failed]),
      ),
      formatTable(['ratio (this run)', 'value', 'goal'], ratios.map((entry) => [entry.name, round(entry.value), entry.goal])),
    ];
    const plot = barChart({
      title: `HTTP throughput (@hono/node-server, loopback, ${connections} connections)`,
      yLabel: 'requests per second',
      categories: rows.map((row) => row.variant.replace('Lockstep ', 'LS ').replace('recipe ', 'ssr ')),
      series: [{ label: 'requests/s', values: rows.map((row) => row.requestsPerSecond) }],
    });
    return { name: 'http-load', title: 'HTTP throughput and server CPU per request', tables, data: { rounds, connections, warmupRequests, seconds, rows, ratios }, plots: [plot] };
  } finally {
    generator.close();
    await mock.stop();
  }
}
