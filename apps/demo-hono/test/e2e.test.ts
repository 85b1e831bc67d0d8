// End-to-end: the demo in-process against its embedded mock, driven through headless Chromium.
// Time moves only through the mock's frozen clock, which the demo's Lockstep instance reads, so the
// refresh point is crossed exactly when the test says so and no step waits on real seconds.
import {
  expectRevocationNote,
  expectScreenshot,
  expectSignedInBurst,
  expectSignedOut,
  expectTestKitSession,
  PAST_REFRESH_POINT,
  signInThroughForm,
  useDemoInChromium,
} from '@lockstep/demo-kit/testing';
import { describe, expect, it } from 'vitest';
import { startDemo } from '../src/index.js';

const e2e = useDemoInChromium('demo-hono', startDemo);

describe('demo-hono in Chromium', () => {
  it('refuses a wrong password and shows the error on the form', async () => {
    const { page } = e2e;
    await page.goto('/login');
    await page.fill('form[action="/login"] input[name=email]', 'demo@example.com');
    await page.fill('form[action="/login"] input[name=password]', 'not-the-password');
    await page.click('form[action="/login"] button[type=submit]');
    await expect(page.locator('[data-testid=login-error]').textContent()).resolves.toContain('Wrong email or password');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('keeps the user signed in across a refresh shared by parallel requests, then signs out', async () => {
    const { demo, page, mock, refreshCalls } = e2e;

    // A protected page sends an anonymous visitor to the login form with the return-to.
    await page.goto('/dashboard');
    expect(page.url()).toBe(`${demo.url}/login?next=%2Fdashboard`);

    // Sign in through the form; the return-to brings the user back to the dashboard.
    const email = await signInThroughForm(e2e, 'form[action="/login"]');
    // `claims` pages say how long a sign-out elsewhere can take to reach them; `user` pages ask the auth server.
    await expectRevocationNote(e2e, 'claims');
    await expectScreenshot(e2e, 'dashboard.png');
    expect(refreshCalls()).toBe(0);

    // Past the refresh point: the next navigation renews the session once, and the parallel
    // fetches after it ride on the new cookies.
    mock().controls.clock.advance(PAST_REFRESH_POINT);
    await page.click('header nav a[href="/dashboard/settings"]');
    await page.waitForURL(`${demo.url}/dashboard/settings`);
    await expect(page.locator('[data-testid=user-email]').textContent()).resolves.toBe(email);
    await expect(page.locator('[data-testid=refreshed-badge]').count()).resolves.toBe(1);
    await expectSignedInBurst(e2e, email);
    expect(refreshCalls()).toBe(1);

    // Past the next refresh point with no navigation in between: the parallel fetches race for
    // the one refresh token, and still only one of them reaches the auth server.
    mock().controls.clock.advance(PAST_REFRESH_POINT);
    await expectSignedInBurst(e2e, email);
    expect(refreshCalls()).toBe(2);

    // Still signed in, on a page verified by the auth server; the panel lists the refreshes.
    await page.goto('/admin');
    await expect(page.locator('[data-testid=admin-user]').textContent()).resolves.toContain(email);
    await expectRevocationNote(e2e, 'user');
    await page.goto('/dashboard');
    await expect(page.locator('[data-testid=events]').textContent()).resolves.toContain('session.refreshed');
    await expectScreenshot(e2e, 'dashboard-after-refreshes.png');
    expect(refreshCalls()).toBe(2);

    // Sign out: back to the login page; the dashboard now redirects with the return-to, and the
    // API answers 401 JSON instead of a redirect.
    await page.click('header form button[type=submit]');
    await page.waitForURL(`${demo.url}/login`);
    expect(mock().controls.calls('logout')).toBe(1);
    await expectSignedOut(e2e);
  });

  it('signed in by the test kit (no form): the dashboard loads, and parallel requests past expiry share one refresh', async () => {
    await expectTestKitSession(e2e);
  });
});
