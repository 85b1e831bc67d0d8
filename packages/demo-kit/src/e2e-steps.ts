// The steps the demos' e2e tests share, each with its vitest assertions: sign-in, screenshots, request bursts, signed-out checks.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { PARALLEL, type DemoInChromium } from './demo-in-chromium.js';

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
