// Refresh amplification: N concurrent requests carrying one expired session; upstream refresh calls, Lockstep vs. the recipe.
import { startMockAuth, type RunningMockAuth } from '@lockstep/mock-auth';
import { API_PATH, appRequest, lockstepApp, recipeApp, type BenchApp } from './apps.js';
import type { BenchResult, Size } from './results.js';
import { round } from './stats.js';
import { refreshTokenSetBy, sessionCookieHeader, storageKeyFor } from './session-cookie.js';
import { barChart } from './svg-plot.js';
import { formatTable } from './table.js';

const SIZES = { smoke: [1, 10, 100], full: [1, 10, 100, 1000] } as const;
export const USER = { email: 'bench@example.com', password: 'bench-password-1' } as const;

/** One measurement: one variant, one N. */
export interface AmplificationRow {
  readonly variant: 'Lockstep' | 'recipe getClaims()';
  readonly n: number;
  readonly refreshCalls: number;
  /** Distinct refresh tokens the responses set: the rotations the browser sees. */
  readonly rotations: number;
  readonly callsPerRotation: number;
  readonly ok: number;
  readonly cleared: number;
  readonly wallMs: number;
}

/**
 * For each N, a fresh session whose access token expired an hour ago (on the mock's clock and on
 * the wall clock, which auth-js reads); N requests with its cookie are started at once through
 * `app.request`, and the mock counts `POST /token?grant_type=refresh_token`. The mock is on
 * loopback and implements the server's rotation rules, so the recipe's duplicate refreshes succeed
 * (gotrue-contract §3.4 B1) — they cost calls, not sessions, here.
 */
export async function runAmplification(size: Size): Promise<BenchResult> {
  const mock = await startMockAuth({ users: [USER] });
  try {
    const project = { url: mock.url, anonKey: mock.anonKey };
    const storageKey = storageKeyFor(mock.url);
    const rows: AmplificationRow[] = [];
    for (const n of SIZES[size]) {
      rows.push(await measure(mock, 'Lockstep', lockstepApp(project, 'claims').app, n, storageKey));
      rows.push(await measure(mock, 'recipe getClaims()', recipeApp(project, 'getClaims'), n, storageKey));
    }
    const table = formatTable(
      ['variant', 'N', 'refresh calls', 'rotations', 'calls / rotation', '200 OK', 'cookies cleared', 'wall ms'],
      rows.map((row) => [row.variant, row.n, row.refreshCalls, row.rotations, round(row.callsPerRotation), row.ok, row.cleared, round(row.wallMs)]),
    );
    const ns = [...SIZES[size]];
    const plot = barChart({
      title: 'Upstream refresh calls for N concurrent requests with one expired session',
      yLabel: 'refresh calls (log scale)',
      xLabel: 'N concurrent requests',
      categories: ns.map((n) => `N = ${n}`),
      series: (['Lockstep', 'recipe getClaims()'] as const).map((variant) => ({
        label: variant,
        values: ns.map((n) => rows.find((row) => row.variant === variant && row.n === n)?.refreshCalls ?? Number.NaN),
      })),
      logY: true,
    });
    return { name: 'amplification', title: 'Refresh amplification', tables: [table], data: { rows }, plots: [plot] };
  } finally {
    await mock.stop();
  }
}

async function measure(mock: RunningMockAuth, variant: AmplificationRow['variant'], app: BenchApp, n: number, storageKey: string): Promise<AmplificationRow> {
  const cookie = sessionCookieHeader(storageKey, await expiredSession(mock));
  mock.controls.resetCounters();
  const start = performance.now();
  const responses = await Promise.all(Array.from({ length: n }, () => app.request(appRequest(API_PATH, cookie, 'api'))));
  const wallMs = performance.now() - start;
  const tokens = new Set<string>();
  let cleared = 0;
  for (const response of responses) {
    const token = refreshTokenSetBy(response, storageKey);
    if (token !== null) tokens.add(token);
    else if (response.headers.getSetCookie().length > 0) cleared += 1;
  }
  const refreshCalls = mock.controls.calls('token:refresh_token');
  return {
    variant,
    n,
    refreshCalls,
    rotations: tokens.size,
    callsPerRotation: tokens.size === 0 ? Number.NaN : refreshCalls / tokens.size,
    ok: responses.filter((response) => response.status === 200).length,
    cleared,
    wallMs,
  };
}

/** A session issued two hours ago with a one-hour token: expired on every clock. */
export async function expiredSession(mock: RunningMockAuth): Promise<object> {
  mock.controls.clock.set(Date.now() - 2 * 3600 * 1000);
  try {
    return await mock.controls.issueSession(USER.email);
  } finally {
    mock.controls.clock.set(Date.now());
  }
}
