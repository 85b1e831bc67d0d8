// End-to-end: the built demo in-process against its embedded mock, driven through headless Chromium.
// Time moves only through the mock's frozen clock, which the demo's Lockstep instance reads, so the
// refresh point is crossed exactly when the test says so. Client-side navigations and form posts are
// React Router single-fetch (`.data`) requests: they go through the same root middleware.
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

const e2e = useDemoInChromium('demo-remix', startDemo);

/** Waits until React has hydrated the page, so clicks are handled by the client router (single fetch). */
async function hydrated(): Promise<void> {
  await e2e.page.waitForFunction(() => (window as unknown as { __reactRouterRouteModules?: unknown }).__reactRouterRouteModules !== undefined);
}

describe('demo-remix in Chromium', () => {
  it('refuses a wrong password and shows the error on the form', async () => {
    const { page } = e2e;
    await page.goto('/login');
    await hydrated();
    await page.fill('main form input[name=email]', 'demo@example.com');
    await page.fill('main form input[name=password]', 'not-the-password');
    await page.click('main form button[type=submit]');
    await expect(page.locator('[data-testid=login-error]').textContent()).resolves.toContain('Wrong email or password');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('keeps the user signed in past the refresh point across client navigations and parallel requests, then signs out', async () => {
    const { demo, page, mock, refreshCalls } = e2e;
    const dataRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('.data')) dataRequests.push(`${request.method()} ${new URL(request.url()).pathname}`);
    });

    // A protected page sends an anonymous visitor to the login form with the return-to.
    await page.goto('/dashboard');
    expect(page.url()).toBe(`${demo.url}/login?next=%2Fdashboard`);
    await hydrated();

    // Sign in through the form (a single-fetch submission); the return-to brings the user to the dashboard.
    const email = await signInThroughForm(e2e, 'main form');
    // `claims` pages say how long a sign-out elsewhere can take to reach them; `user` pages ask the auth server.
    await expectRevocationNote(e2e, 'claims');
    await expectScreenshot(e2e, 'dashboard.png');
    expect(refreshCalls()).toBe(0);

    // Past the refresh point: the next client navigation (a `.data` request) renews the session once
    // in the middleware, and the parallel fetches after it ride on the new cookies.
    mock().controls.clock.advance(PAST_REFRESH_POINT);
    await page.click('header nav a[href="/dashboard/settings"]');
    await page.waitForURL(`${demo.url}/dashboard/settings`);
    // A client navigation changes the URL before the new page renders: wait for the page itself.
    await page.locator('text=Session settings').waitFor({ state: 'visible' });
    await expect(page.locator('text=Session settings').count()).resolves.toBe(1);
    expect(dataRequests).toContain('GET /dashboard/settings.data');
    expect(refreshCalls()).toBe(1);
    await expectSignedInBurst(e2e, email);
    expect(refreshCalls()).toBe(1);

    // Past the next refresh point with no navigation in between: the parallel fetches race for
    // the one refresh token, and still only one of them reaches the auth server.
    mock().controls.clock.advance(PAST_REFRESH_POINT);
    await expectSignedInBurst(e2e, email);
    expect(refreshCalls()).toBe(2);

    // Still signed in: a client navigation to the page verified by the auth server, then a full
    // document load of the dashboard, whose panel lists the refreshes.
    await page.click('header nav a[href="/admin"]');
    await page.waitForURL(`${demo.url}/admin`);
    await expect(page.locator('[data-testid=admin-user]').textContent()).resolves.toContain(email);
    await expectRevocationNote(e2e, 'user');
    await page.goto('/dashboard');
    await expect(page.locator('[data-testid=events]').textContent()).resolves.toContain('session.refreshed');
    await expectScreenshot(e2e, 'dashboard-after-refreshes.png');
    expect(refreshCalls()).toBe(2);

    // Sign out (a single-fetch form post): back to the login page; the dashboard now redirects, and
    // the API answers 401 JSON instead of a redirect.
    await hydrated();
    await page.click('header form button[type=submit]');
    await page.waitForURL(`${demo.url}/login`);
    expect(mock().controls.calls('logout')).toBe(1);
    expect(dataRequests).toContain('POST /logout.data');
    await expectSignedOut(e2e);
  });

  it('signed in by the test kit (no form): the dashboard loads, and parallel requests past expiry share one refresh', async () => {
    await expectTestKitSession(e2e);
  });
});
