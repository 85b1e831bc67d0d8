// The steps the demos' e2e tests share, each with its vitest assertions: sign-in, screenshots, request bursts, signed-out checks, the revocation note.
import { burstAtExpiry, expectOneRefresh, storageState } from '@lockstep/mock-auth/testing';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { E2E_TOKEN_LIFETIME, PARALLEL, type DemoInChromium } from './demo-in-chromium.js';
import { revocationNote } from './revocation-note.js';

/**
 * Signs the demo user in through the login form `form` (a selector of the `<form>`), expects the
 * dashboard (the return-to) to show their email, and returns it.
 *
 * @example
 * const email = await signInThroughForm(e2e, 'form[action="/login"]');
 */
export async function signInThroughForm(e2e: DemoInChromium, form: string): Promise<string> {
  const { demo, page } = e2e;
  const { email, password } = demo.demoUser ?? { email: '', password: '' };
  await page.fill(`${form} input[name=email]`, email);
  await page.fill(`${form} input[name=password]`, password);
  await page.click(`${form} button[type=submit]`);
  await page.waitForURL(`${demo.url}/dashboard`);
  await expect(page.locator('[data-testid=user-email]').textContent()).resolves.toBe(email);
  return email;
}

/** Saves a full-page screenshot of the page as `name` under `e2e.screenshots` and expects a non-empty file. */
export async function expectScreenshot(e2e: DemoInChromium, name: string): Promise<void> {
  const path = join(e2e.screenshots, name);
  await e2e.page.screenshot({ path, fullPage: true });
  expect((await stat(path)).size).toBeGreaterThan(0);
}

/** Fires `PARALLEL` `/api/me` fetches from the page at once and expects every one to answer 200 for `email`. */
export async function expectSignedInBurst(e2e: DemoInChromium, email: string): Promise<void> {
  const results = await e2e.parallelMe(PARALLEL);
  expect(results.map((r) => r.status)).toEqual(Array<number>(PARALLEL).fill(200));
  expect(results.every((r) => r.body.user?.email === email)).toBe(true);
}

/** After sign-out: `/dashboard` redirects to the login form with the return-to, and `/api/me` answers 401 JSON, not a redirect. */
export async function expectSignedOut(e2e: DemoInChromium): Promise<void> {
  const { demo, page } = e2e;
  const response = await page.goto('/dashboard');
  expect(page.url()).toBe(`${demo.url}/login?next=%2Fdashboard`);
  expect(response?.request().redirectedFrom()?.url()).toBe(`${demo.url}/dashboard`);
  const [anonymous] = await e2e.parallelMe(1);
  expect(anonymous).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
}

/**
 * The page's revocation sentence (`[data-testid=revocation-note]`): on a `claims` page it names the
 * access token's seconds left (at most the token lifetime), on a `user` page the auth server.
 */
export async function expectRevocationNote(e2e: DemoInChromium, mode: 'claims' | 'user'): Promise<void> {
  const text = (await e2e.page.locator('[data-testid=revocation-note]').first().textContent()) ?? '';
  if (mode === 'user') {
    expect(text).toBe(revocationNote('user', 0));
    return;
  }
  const seconds = Number(/^verified locally: a sign-out elsewhere takes effect within (\d+) s$/.exec(text)?.[1] ?? Number.NaN);
  expect(seconds, text).toBeGreaterThan(0);
  expect(seconds, text).toBeLessThanOrEqual(E2E_TOKEN_LIFETIME);
}

/**
 * Signs the demo user in the way a user's own suite would, without the login form: a session minted
 * at the mock by `@lockstep/mock-auth/testing`, its cookies put into the browser context. Returns the email.
 *
 * @example
 * const email = await signInWithTestKit(e2e);
 */
export async function signInWithTestKit(e2e: DemoInChromium): Promise<string> {
  const email = e2e.demo.demoUser?.email;
  if (email === undefined) throw new Error('the demo has no seeded user');
  const state = await storageState(e2e.mock(), { email, appUrl: e2e.demo.url });
  await e2e.context.addCookies([...state.cookies]);
  return email;
}

/**
 * Moves the mock's clock past the access token's expiry, fires `PARALLEL` `/api/me` fetches from the
 * page at once, and expects exactly one refresh at the auth server and every answer signed in as `email`.
 */
export async function expectOneRefreshForBurst(e2e: DemoInChromium, email: string): Promise<void> {
  const burst = await burstAtExpiry(e2e.mock(), 1, () => e2e.parallelMe(PARALLEL));
  expectOneRefresh(burst);
  expect(burst.results[0]?.map((r) => r.status)).toEqual(Array<number>(PARALLEL).fill(200));
  expect(burst.results[0]?.every((r) => r.body.user?.email === email)).toBe(true);
}

/**
 * The sign-in a user's own suite would do: a fresh cookie jar given the test kit's storage state (no
 * form), the dashboard showing the user, then `expectOneRefreshForBurst`.
 *
 * @example
 * it('signed in by the test kit', () => expectTestKitSession(e2e));
 */
export async function expectTestKitSession(e2e: DemoInChromium): Promise<void> {
  const { page, context } = e2e;
  await context.clearCookies();
  const email = await signInWithTestKit(e2e);
  await page.goto('/dashboard');
  await expect(page.locator('[data-testid=user-email]').textContent()).resolves.toBe(email);
  await expectOneRefreshForBurst(e2e, email);
}
