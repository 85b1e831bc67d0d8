// An e2e test's setup: a demo in-process against its embedded mock (frozen clock) and a Chromium page on it.
import type { RunningMockAuth } from '@lockstep/mock-auth';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium.js';
import type { DemoOptions } from './demo-options.js';
import type { RunningDemo } from './launch-demo.js';

/** 30 s tokens: the refresh margin clamps to half the lifetime, 15 s. */
export const E2E_TOKEN_LIFETIME = 30;
/** Seconds to advance the mock's clock to cross the refresh point of a fresh session. */
export const PAST_REFRESH_POINT = 16;
/** How many `/api/me` fetches a burst fires at once. */
export const PARALLEL = 8;

/** Status and JSON body of one `/api/me` fetch made by the page. */
export interface MeResult {
  readonly status: number;
  readonly body: { user?: { email?: string }; error?: string };
}

/** The demo, the browser on it, and the test's shortcuts. */
export interface DemoInChromium {
  readonly demo: RunningDemo;
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** One page, on a context whose `baseURL` is the demo's URL. */
  readonly page: Page;
  /** Where screenshots go: `DEMO_E2E_SCREENSHOTS` when set (kept), else a temp dir removed by `close()`. */
  readonly screenshots: string;
  /** The embedded mock; throws when the demo runs against a real project. */
  readonly mock: () => RunningMockAuth;
  /** Refresh-token grants the mock has answered so far. */
  readonly refreshCalls: () => number;
  /** Fires `n` parallel `fetch('/api/me')` from the page and returns each status and body. */
  readonly parallelMe: (n: number) => Promise<MeResult[]>;
  /** Closes the browser context, the browser and the demo, then removes the temp screenshots. */
  readonly close: () => Promise<void>;
}

/**
 * Starts the demo through `start` on a free port with `E2E_TOKEN_LIFETIME` tokens, freezes the mock's
 * clock (time then moves only through `mock().controls.clock.advance()`), launches Chromium and opens
 * a page. If a step fails, what was already started is closed before the error is rethrown.
 *
 * @example
 * let e2e: DemoInChromium;
 * beforeAll(async () => { e2e = await openDemoInChromium('demo-hono', startDemo); });
 * afterAll(() => e2e?.close());
 */
export async function openDemoInChromium(name: string, start: (options: DemoOptions) => Promise<RunningDemo>): Promise<DemoInChromium> {
  // Set DEMO_E2E_SCREENSHOTS=<dir> to keep the screenshots (e.g. as a CI artifact); otherwise a temp dir is removed.
  const kept = process.env.DEMO_E2E_SCREENSHOTS;
  const opened: { screenshots?: string; demo?: RunningDemo; browser?: Browser; context?: BrowserContext } = {};
  const close = async (): Promise<void> => {
    await opened.context?.close();
    await opened.browser?.close();
    await opened.demo?.close();
    if (kept === undefined && opened.screenshots !== undefined) await rm(opened.screenshots, { recursive: true, force: true });
  };
  try {
    const screenshots = (opened.screenshots = kept ?? (await mkdtemp(join(tmpdir(), `${name}-e2e-`))));
    await mkdir(screenshots, { recursive: true });
    const demo = (opened.demo = await start({ port: 0, mock: { tokenLifetimeSeconds: E2E_TOKEN_LIFETIME } }));
    const mock = (): RunningMockAuth => {
      if (demo.mock === undefined) throw new Error('the e2e test needs the embedded mock');
      return demo.mock;
    };
    mock().controls.clock.freeze();
    const browser = (opened.browser = await launchChromium());
    const context = (opened.context = await browser.newContext({ baseURL: demo.url }));
    const page = await context.newPage();
    return {
      demo,
      browser,
      context,
      page,
      screenshots,
      mock,
      refreshCalls: () => mock().controls.calls('token:refresh_token'),
      parallelMe: (n) => parallelMe(page, n),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function parallelMe(page: Page, n: number): Promise<MeResult[]> {
  return page.evaluate(
    (count) =>
      Promise.all(
        Array.from({ length: count }, async () => {
          const response = await fetch('/api/me', { headers: { accept: 'application/json' } });
          return { status: response.status, body: (await response.json()) as MeResult['body'] };
        }),
      ),
    n,
  );
}
