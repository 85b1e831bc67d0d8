// Outage: request latency while the auth server drops connections or hangs, Lockstep vs. the recipe.
import { startMockAuth, type Fault, type MockEndpoint } from '@lockstep/mock-auth';
import { expiredSession, USER } from './amplification.js';
import { API_PATH, appRequest, lockstepApp, recipeApp, type BenchApp, type Project } from './apps.js';
import type { BenchResult, Size } from './results.js';
import { round, summarize } from './stats.js';
import { sessionCookieHeader, storageKeyFor } from './session-cookie.js';
import { barChart } from './svg-plot.js';
import { formatTable } from './table.js';

const SIZES = {
  smoke: { requests: 3, hangMs: 1_500, includeRecipeRetries: false },
  full: { requests: 20, hangMs: 30_000, includeRecipeRetries: true },
} as const;

type VariantName = 'Lockstep claims' | 'Lockstep user' | 'recipe getClaims()' | 'recipe getUser()';

interface Case {
  readonly scenario: string;
  readonly session: 'expired' | 'valid';
  readonly endpoint: MockEndpoint;
  readonly fault: Fault;
  readonly variant: VariantName;
}

/** Latency and outcome of one variant in one outage scenario. */
export interface OutageRow {
  readonly scenario: string;
  readonly variant: VariantName;
  readonly requests: number;
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Status codes and how often. */
  readonly statuses: Record<string, number>;
  /** Responses that deleted the session cookie: an outage treated as a logout. */
  readonly cookiesCleared: number;
}

/**
 * Every (scenario, variant) gets its own loopback mock with the fault installed on the endpoint
 * the variant needs, and sends `requests` concurrent requests, each with its own session (expired
 * an hour ago, or valid); all cases run at once, so the whole benchmark takes as long as the
 * slowest case. Lockstep runs with its defaults (5 s auth timeout); the recipe with auth-js's
 * (retries with back-off for about 25 s on network errors and 5xx; no timeout of its own).
 */
export async function runOutage(size: Size): Promise<BenchResult> {
  const { requests, hangMs, includeRecipeRetries } = SIZES[size];
  const hang: Fault = { kind: 'delay', ms: hangMs };
  const drop: Fault = { kind: 'drop' };
  const hangLabel = `hangs ${hangMs / 1000} s`;
  const cases: Case[] = [
    { scenario: 'expired session, auth drops connections', session: 'expired', endpoint: 'token:refresh_token', fault: drop, variant: 'Lockstep claims' },
    ...(includeRecipeRetries
      ? [{ scenario: 'expired session, auth drops connections', session: 'expired', endpoint: 'token:refresh_token', fault: drop, variant: 'recipe getClaims()' } as const]
      : []),
    { scenario: `expired session, auth ${hangLabel}`, session: 'expired', endpoint: 'token:refresh_token', fault: hang, variant: 'Lockstep claims' },
    { scenario: `expired session, auth ${hangLabel}`, session: 'expired', endpoint: 'token:refresh_token', fault: hang, variant: 'recipe getClaims()' },
    { scenario: 'valid session, auth drops connections', session: 'valid', endpoint: 'user', fault: drop, variant: 'Lockstep claims' },
    { scenario: 'valid session, auth drops connections', session: 'valid', endpoint: 'user', fault: drop, variant: 'recipe getClaims()' },
    { scenario: 'valid session, auth drops connections', session: 'valid', endpoint: 'user', fault: drop, variant: 'Lockstep user' },
    { scenario: 'valid session, auth drops connections', session: 'valid', endpoint: 'user', fault: drop, variant: 'recipe getUser()' },
  ];
  // auth-js logs every failed attempt (console.error / warn); silence it for a readable table.
  const { error: consoleError, warn: consoleWarn } = console;
  console.error = console.warn = () => undefined;
  const rows = await Promise.all(cases.map((c) => runCase(c, requests))).finally(() => {
    console.error = consoleError;
    console.warn = consoleWarn;
  });
  const table = formatTable(
    ['scenario', 'variant', 'median ms', 'p99 ms', 'max ms', 'statuses', 'cookies cleared'],
    rows.map((row) => [row.scenario, row.variant, round(row.medianMs), round(row.p99Ms), round(row.maxMs), Object.entries(row.statuses).map(([status, count]) => `${status}×${count}`).join(' '), row.cookiesCleared]),
  );
  const scenarios = [...new Set(rows.map((row) => row.scenario))];
  const variants = [...new Set(rows.map((row) => row.variant))];
  const plot = barChart({
    title: 'Request latency while the auth server is down (median)',
    yLabel: 'ms (log scale)',
    categories: scenarios.map((scenario) => scenario.replace('auth ', '')),
    series: variants.map((variant) => ({ label: variant, values: scenarios.map((scenario) => rows.find((row) => row.scenario === scenario && row.variant === variant)?.medianMs ?? Number.NaN) })),
    logY: true,
  });
  return {
    name: 'outage',
    title: 'Outage latency',
    tables: [table],
    data: { requestsPerCase: requests, hangMs, recipeRetriesMeasured: includeRecipeRetries, rows },
    plots: [plot],
  };
}

async function runCase(c: Case, requests: number): Promise<OutageRow> {
  const mock = await startMockAuth({ users: [USER] });
  try {
    const project: Project = { url: mock.url, anonKey: mock.anonKey };
    const storageKey = storageKeyFor(mock.url);
    const app = appFor(project, c.variant);
    const cookies: string[] = [];
    for (let i = 0; i < requests; i += 1) {
      const session = c.session === 'expired' ? await expiredSession(mock) : await mock.controls.issueSession(USER.email);
      cookies.push(sessionCookieHeader(storageKey, session));
    }
    // Warm the JWKS caches before the outage starts: the fault is on one endpoint only.
    await app.request(appRequest(API_PATH, sessionCookieHeader(storageKey, await mock.controls.issueSession(USER.email)), 'api'));
    mock.controls.fail(c.endpoint, c.fault);
    const results = await Promise.all(
      cookies.map(async (cookie) => {
        const start = performance.now();
        const response = await app.request(appRequest(API_PATH, cookie, 'api'));
        const ms = performance.now() - start;
        const cleared = response.headers.getSetCookie().some((line) => line.startsWith(storageKey) && /max-age=0/i.test(line));
        return { ms, status: response.status, cleared };
      }),
    );
    const summary = summarize(results.map((result) => result.ms));
    const statuses: Record<string, number> = {};
    for (const result of results) statuses[result.status] = (statuses[result.status] ?? 0) + 1;
    return {
      scenario: c.scenario,
      variant: c.variant,
      requests,
      medianMs: summary.medianUs / 1000,
      p99Ms: summary.p99Us / 1000,
      maxMs: summary.maxUs / 1000,
      statuses,
      cookiesCleared: results.filter((result) => result.cleared).length,
    };
  } finally {
    mock.controls.clearFaults();
    await mock.stop();
  }
}

function appFor(project: Project, variant: VariantName): BenchApp {
  switch (variant) {
    case 'Lockstep claims':
      return lockstepApp(project, 'claims').app;
    case 'Lockstep user':
      return lockstepApp(project, 'user').app;
    case 'recipe getClaims()':
      return recipeApp(project, 'getClaims');
    case 'recipe getUser()':
      return recipeApp(project, 'getUser');
  }
}
