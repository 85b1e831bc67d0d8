// @lockstep/browser in headless Chromium: parallel 401s → one refresh; two tabs → one refresh; rejected → one login redirect.
import { serve } from '@hono/node-server';
import { createMockTokenBackend, type MockTokenBackend } from '@lockstep/mock-token-backend';
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTokenBackendApp, type TokenBackendApp } from '../src/index.js';
import { backendOptions, TOKEN_LIFETIME, USER } from './support.js';

const CHROMIUM_PATH = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

declare global {
  interface Window {
    callApi(path: string, count: number): Promise<number[]>;
    ready?: boolean;
  }
}

let browser: Browser;
let clientScript: string;

beforeAll(async () => {
  // A missing browser fails the suite (CI installs it: scripts/system-deps.sh), never skips it.
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} not found: apt-get install -y chromium`);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
  const bundled = await build({
    entryPoints: [fileURLToPath(new URL('../../../packages/adapters/browser/src/index.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
  });
  clientScript = bundled.outputFiles[0]?.text ?? '';
});

afterAll(async () => {
  await browser?.close();
});

describe('@lockstep/browser in Chromium', () => {
  let backend: MockTokenBackend;
  let built: TokenBackendApp;
  let server: Server;
  let origin: string;
  let context: BrowserContext;

  beforeEach(async () => {
    backend = await createMockTokenBackend({ users: [USER], accessTokenTtl: TOKEN_LIFETIME });
    built = createTokenBackendApp({
      backend: backendOptions(backend, 'jwks'),
      upstream: backend.url,
      effects: { fetch: backend.fetch, now: () => backend.clock.now() / 1000 },
      clientScript,
    });
    server = await new Promise<Server>((resolve) => {
      const started = serve({ fetch: built.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started as Server)) as Server;
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    context = await browser.newContext();
  });

  afterEach(async () => {
    await context.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  });

  async function openApp(): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${origin}/app`);
    await page.waitForFunction(() => window.ready === true);
    return page;
  }

  /** Signs in from the page (the session cookie is httpOnly: the page never sees it), then lets the token expire. */
  async function signInAndExpire(page: Page): Promise<void> {
    const status = await page.evaluate(async (user) => (await fetch('/login', { method: 'POST', body: new URLSearchParams(user) })).status, USER);
    expect(status).toBe(200);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    backend.clock.advance(TOKEN_LIFETIME + 1);
    backend.controls.resetCounters();
    built.counters.refreshRoute = 0;
    built.counters.guardedDenied = 0;
  }

  it('10 parallel API calls after the access token expired: one refresh, all succeed', async () => {
    const page = await openApp();
    await signInAndExpire(page);
    const statuses = await page.evaluate(() => window.callApi('/api/guarded/data', 10));
    expect(statuses).toEqual(Array.from({ length: 10 }, () => 200));
    expect(built.counters.guardedDenied).toBe(10);
    expect(built.counters.refreshRoute).toBe(1);
    expect(backend.controls.calls('refresh')).toBe(1);
  });

  it('two tabs at once: still one refresh', async () => {
    const first = await openApp();
    const second = await openApp();
    await signInAndExpire(first);
    // A slow backend keeps the first tab's refresh in flight while the second tab's calls fail.
    backend.controls.fail('refresh', { kind: 'delay', ms: 300 }, { times: 1 });
    const [a, b] = await Promise.all([first.evaluate(() => window.callApi('/api/guarded/data', 10)), second.evaluate(() => window.callApi('/api/guarded/data', 10))]);
    expect([...a, ...b]).toEqual(Array.from({ length: 20 }, () => 200));
    // Both tabs met the expired token (more than one tab's worth of 401s), yet one refresh ran.
    expect(built.counters.guardedDenied).toBeGreaterThan(10);
    expect(backend.controls.calls('refresh')).toBe(1);
    expect(built.counters.refreshRoute).toBe(1);
  });

  it('refresh rejected: exactly one navigation to login, no loop', async () => {
    const page = await openApp();
    await signInAndExpire(page);
    backend.controls.revokeUser(USER.email);
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(new URL(frame.url()).pathname + new URL(frame.url()).search);
    });
    // The page navigates away while the calls are pending: the evaluation's context goes with it.
    await page.evaluate(() => window.callApi('/api/guarded/data', 10)).catch(() => null);
    await page.waitForURL(`${origin}/login?next=%2Fapp`);
    await page.waitForTimeout(500);
    expect(navigations).toEqual(['/login?next=%2Fapp']);
    expect(built.counters.loginPage).toBe(1);
    expect(built.counters.refreshRoute).toBe(0); // the middleware answered 401 before the route ran
    expect(backend.controls.calls('refresh')).toBe(1);
  });
});
