// Logout storm: simulated users with tabs, parallel requests and random latency on virtual time; spurious sign-outs, Lockstep vs. the recipe.
import { createMockAuth, type MockAuth } from '@lockstep/mock-auth';
import { API_PATH, appRequest, lockstepApp, PAGE_PATH, recipeApp, REDIRECT_PATH, type BenchApp } from './apps.js';
import { createRandom, type Random } from './prng.js';
import type { BenchResult, Size } from './results.js';
import { round } from './stats.js';
import { CookieJar, storageKeyFor } from './session-cookie.js';
import { barChart } from './svg-plot.js';
import { formatTable } from './table.js';
import { createVirtualTime, type VirtualTime } from './virtual-time.js';

/** The simulated population and network; every draw comes from the seed. */
export interface StormConfig {
  readonly seed: number;
  readonly users: number;
  readonly durationSeconds: number;
  readonly tokenLifetimeSeconds: number;
  readonly reuseIntervalSeconds: number;
  /** Mean pause between two actions of one tab. */
  readonly thinkMeanSeconds: number;
  /** Share of requests that stall on the way to the server (a slow upload, a mobile radio waking up). */
  readonly slowUplinkShare: number;
  /** Share of responses that leave late (a slow handler or a stalled download) after the middleware ran. */
  readonly slowResponseShare: number;
  /** How long a signed-out user takes to sign in again. */
  readonly signInAgainSeconds: number;
}

const SIZES: Record<Size, { users: number; durationSeconds: number; lifetimes: readonly number[] }> = {
  smoke: { users: 6, durationSeconds: 240, lifetimes: [60] },
  full: { users: 40, durationSeconds: 1200, lifetimes: [60, 300] },
};

const BASE: Omit<StormConfig, 'users' | 'durationSeconds' | 'tokenLifetimeSeconds'> = {
  seed: 20260801,
  reuseIntervalSeconds: 10,
  thinkMeanSeconds: 8,
  slowUplinkShare: 0.01,
  slowResponseShare: 0.01,
  signInAgainSeconds: 20,
};

/** What one variant did in one scenario. */
export interface StormRow {
  readonly variant: 'Lockstep' | 'recipe getClaims()';
  readonly tokenLifetimeSeconds: number;
  readonly requests: number;
  readonly failed: number;
  readonly spuriousSignOuts: number;
  readonly signOutsPer10k: number;
  readonly failedPer10k: number;
  readonly refreshCalls: number;
  readonly rotations: number;
  readonly refreshCallsPerRotation: number;
  /** `400 refresh_token_already_used` answers: reuse detection revoked a token family. */
  readonly reuseDetected: number;
  readonly lateUplinks: number;
  readonly lateResponses: number;
  /** Lines auth-js printed to the console (silenced during the run). */
  readonly authJsLogLines: number;
  readonly wallSeconds: number;
}

/**
 * Runs each variant against a fresh mock with the same seed and the same population; see
 * docs/performance.md for the model. No user ever signs out, is banned or has a session revoked in
 * this simulation, so every session cookie a response deletes is a spurious sign-out.
 */
export async function runLogoutStorm(size: Size): Promise<BenchResult> {
  const { users, durationSeconds, lifetimes } = SIZES[size];
  const rows: StormRow[] = [];
  for (const tokenLifetimeSeconds of lifetimes) {
    const config: StormConfig = { ...BASE, users, durationSeconds, tokenLifetimeSeconds };
    rows.push(await simulate(config, 'Lockstep'));
    rows.push(await simulate(config, 'recipe getClaims()'));
  }
  const table = formatTable(
    ['variant', 'token lifetime s', 'requests', 'spurious sign-outs', 'per 10k req', 'failed req', 'failed per 10k', 'refresh calls', 'rotations', 'calls / rotation', 'reuse detected'],
    rows.map((row) => [
      row.variant,
      row.tokenLifetimeSeconds,
      row.requests,
      row.spuriousSignOuts,
      round(row.signOutsPer10k),
      row.failed,
      round(row.failedPer10k),
      row.refreshCalls,
      row.rotations,
      round(row.refreshCallsPerRotation),
      row.reuseDetected,
    ]),
  );
  const plot = barChart({
    title: 'Spurious sign-outs per 10k requests (same seed, same population)',
    yLabel: 'sign-outs per 10k requests',
    categories: lifetimes.map((lifetime) => `token lifetime ${lifetime} s`),
    series: (['Lockstep', 'recipe getClaims()'] as const).map((variant) => ({
      label: variant,
      values: lifetimes.map((lifetime) => rows.find((row) => row.variant === variant && row.tokenLifetimeSeconds === lifetime)?.signOutsPer10k ?? Number.NaN),
    })),
  });
  return {
    name: 'logout-storm',
    title: 'Logout storm',
    tables: [table],
    data: { config: { ...BASE, users, durationSeconds, lifetimes }, rows },
    plots: [plot],
  };
}

interface Counters {
  requests: number;
  failed: number;
  signOuts: number;
  lateUplinks: number;
  lateResponses: number;
  reuseDetected: number;
  readonly refreshTokens: Set<string>;
  rotations: number;
}

/** One variant, one scenario: a fresh mock on virtual time and the whole population. */
export async function simulate(config: StormConfig, variant: StormRow['variant']): Promise<StormRow> {
  const wallStart = performance.now();
  const start = Date.UTC(2026, 0, 1);
  const time = createVirtualTime(start);
  // auth-js logs every rejected refresh (console.error / warn); keep the table readable, count them instead.
  const { error: consoleError, warn: consoleWarn } = console;
  let authJsLogLines = 0;
  console.error = console.warn = () => {
    authJsLogLines += 1;
  };
  try {
    const mock = await createMockAuth({
      realNow: () => time.nowMs(),
      tokenLifetimeSeconds: config.tokenLifetimeSeconds,
      reuseIntervalSeconds: config.reuseIntervalSeconds,
    });
    const counters: Counters = { requests: 0, failed: 0, signOuts: 0, lateUplinks: 0, lateResponses: 0, reuseDetected: 0, refreshTokens: new Set(), rotations: 0 };
    const random = createRandom(config.seed);
    const upstream = random.fork();
    const upstreamFetch = virtualUpstream(mock, time, upstream, counters);
    const project = { url: mock.url, anonKey: mock.anonKey };
    const app: BenchApp =
      variant === 'Lockstep' ? lockstepApp(project, 'claims', { fetch: upstreamFetch, now: () => time.nowMs() / 1000 }).app : recipeApp(project, 'getClaims', upstreamFetch);
    const storageKey = storageKeyFor(mock.url);
    const end = start + config.durationSeconds * 1000;

    for (let u = 0; u < config.users; u += 1) {
      const email = `user${u}@example.com`;
      await mock.controls.createUser({ email, password: 'storm-password-1' });
      const userRandom = random.fork();
      const browser: Browser = { jar: new CookieJar(), email, storageKey, signingIn: false };
      browser.jar.setSession(storageKey, await mock.controls.issueSession(email));
      const tabs = userRandom.int(1, 4);
      for (let t = 0; t < tabs; t += 1) void tab(config, time, app, mock, browser, userRandom.fork(), counters, end);
    }
    // Let in-flight requests finish after the last action starts.
    await time.run(end + 120_000);
    const refreshCalls = mock.controls.calls('token:refresh_token');
    return {
      variant,
      tokenLifetimeSeconds: config.tokenLifetimeSeconds,
      requests: counters.requests,
      failed: counters.failed,
      spuriousSignOuts: counters.signOuts,
      signOutsPer10k: (counters.signOuts / counters.requests) * 10_000,
      failedPer10k: (counters.failed / counters.requests) * 10_000,
      refreshCalls,
      rotations: counters.rotations,
      refreshCallsPerRotation: counters.rotations === 0 ? Number.NaN : refreshCalls / counters.rotations,
      reuseDetected: counters.reuseDetected,
      lateUplinks: counters.lateUplinks,
      lateResponses: counters.lateResponses,
      authJsLogLines,
      wallSeconds: (performance.now() - wallStart) / 1000,
    };
  } finally {
    console.error = consoleError;
    console.warn = consoleWarn;
    time.dispose();
  }
}

interface Browser {
  readonly jar: CookieJar;
  readonly email: string;
  readonly storageKey: string;
  signingIn: boolean;
}

/**
 * The auth server as the app sees it: each call takes 10–60 ms each way on virtual time, so the
 * server's state changes when the request arrives there. Refresh answers are read to count
 * rotations (new refresh tokens) and reuse detections.
 */
function virtualUpstream(mock: MockAuth, time: VirtualTime, random: Random, counters: Counters): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    await time.sleep(random.uniform(10, 60));
    const response = await mock.fetch(request);
    if (new URL(request.url).searchParams.get('grant_type') === 'refresh_token') {
      const body = (await response.clone().json()) as { refresh_token?: string; code?: string };
      if (response.ok && typeof body.refresh_token === 'string' && !counters.refreshTokens.has(body.refresh_token)) {
        counters.refreshTokens.add(body.refresh_token);
        counters.rotations += 1;
      }
      if (body.code === 'refresh_token_already_used') counters.reuseDetected += 1;
    }
    await time.sleep(random.uniform(10, 60));
    return response;
  };
}

/**
 * One tab: think, then an action — an API burst (1–3 parallel fetches), a page load (the document,
 * then 1–4 parallel data fetches sent when it arrives, with the cookies it set), or a form post
 * answered with a 303 that the browser follows at once (a redirect after a refresh).
 */
async function tab(config: StormConfig, time: VirtualTime, app: BenchApp, mock: MockAuth, browser: Browser, random: Random, counters: Counters, end: number): Promise<void> {
  await time.sleep(random.uniform(0, config.thinkMeanSeconds * 1000));
  while (time.nowMs() < end) {
    await time.sleep(random.exponential(config.thinkMeanSeconds * 1000));
    if (!browser.jar.hasSession(browser.storageKey)) continue; // on the login page until signed in again
    const action = random.next();
    const send = (path: string, kind: 'document' | 'api', method?: string): Promise<Response> => exchange(config, time, app, mock, browser, random, counters, path, kind, method);
    if (action < 0.55) {
      await Promise.all(Array.from({ length: random.int(1, 3) }, () => send(API_PATH, 'api')));
    } else if (action < 0.9) {
      await send(PAGE_PATH, 'document');
      await Promise.all(Array.from({ length: random.int(1, 4) }, () => send(API_PATH, 'api')));
    } else {
      const posted = await send(REDIRECT_PATH, 'document', 'POST');
      if (posted.status === 303) await send(PAGE_PATH, 'document');
    }
  }
}

/** One request/response on the virtual network, applied to the browser's shared jar when it arrives. */
async function exchange(
  config: StormConfig,
  time: VirtualTime,
  app: BenchApp,
  mock: MockAuth,
  browser: Browser,
  random: Random,
  counters: Counters,
  path: string,
  kind: 'document' | 'api',
  method = 'GET',
): Promise<Response> {
  const cookie = browser.jar.header(); // the cookie value from when the request was sent
  counters.requests += 1;
  const slowUplink = random.chance(config.slowUplinkShare);
  const slowResponse = random.chance(config.slowResponseShare);
  if (slowUplink) counters.lateUplinks += 1;
  if (slowResponse) counters.lateResponses += 1;
  await time.sleep(slowUplink ? random.uniform(3_000, 30_000) : random.uniform(5, 80));
  const response = await app.request(appRequest(path, cookie, kind, method));
  await time.sleep(slowResponse ? random.uniform(3_000, 30_000) : random.uniform(5, 80) + random.uniform(1, 20));
  const hadSession = browser.jar.hasSession(browser.storageKey);
  browser.jar.apply(response);
  const expected = method === 'POST' ? 303 : 200;
  if (response.status !== expected) counters.failed += 1;
  if (hadSession && !browser.jar.hasSession(browser.storageKey)) {
    counters.signOuts += 1;
    void signInAgain(config, time, mock, browser);
  }
  return response;
}

async function signInAgain(config: StormConfig, time: VirtualTime, mock: MockAuth, browser: Browser): Promise<void> {
  if (browser.signingIn) return;
  browser.signingIn = true;
  await time.sleep(config.signInAgainSeconds * 1000);
  browser.jar.setSession(browser.storageKey, await mock.controls.issueSession(browser.email));
  browser.signingIn = false;
}
