// End-to-end: the demo (`next start` + the embedded mock) driven through headless Chromium.
// Time moves only through the mock's frozen clock, which the app's Lockstep instances read (the
// launcher mirrors it into a file), so the refresh point is crossed exactly when the test says so.
import {
  E2E_TOKEN_LIFETIME,
  expectRevocationNote,
  expectScreenshot,
  expectTestKitSession,
  PARALLEL,
  PAST_REFRESH_POINT,
  signInThroughForm,
  useDemoInChromium,
} from '@lockstep/demo-kit/testing';
import { get } from 'node:http';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../src/index.js';

const PAST_EXPIRY = E2E_TOKEN_LIFETIME + 1;
const LOGIN_FORM = '[data-testid=login-form]';

// The demo on a free port with 30 s tokens, its mock clock frozen, Chromium with one page on it.
const e2e = useDemoInChromium('demo-next', startDemo);
const mock = () => e2e.mock();
const refreshCalls = (): number => e2e.refreshCalls();
const credentials = (): { email: string; password: string } => e2e.demo.demoUser ?? { email: '', password: '' };

/** Follows `page`'s requests: returns the paths of its RSC requests (filled as they come), and lets `settle` wait for the open ones. */
function track(page: Page): string[] {
  const rscRequests: string[] = [];
  // Client-side navigations fetch the RSC payload (`RSC: 1`), never a new document.
  const pending = new Set<unknown>();
  inFlight.set(page, pending);
  page.on('request', (request) => {
    pending.add(request);
    if (request.headers()['rsc'] === '1') rscRequests.push(new URL(request.url()).pathname);
  });
  // The response's headers are enough: the proxy has decided (and refreshed) by then. Next keeps
  // some prefetch streams open, so waiting for their end would never settle.
  page.on('response', (response) => pending.delete(response.request()));
  page.on('requestfailed', (request) => pending.delete(request));
  return rscRequests;
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.fill(`${LOGIN_FORM} input[name=email]`, email);
  await page.fill(`${LOGIN_FORM} input[name=password]`, password);
  await page.click(`${LOGIN_FORM} button[type=submit]`);
}

/** A GET with exactly these headers; redirects are not followed. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, location: response.headers.location });
    }).on('error', reject);
  });
}

const QUIET_MS = 300;
const inFlight = new WeakMap<Page, Set<unknown>>();

/**
 * Waits until the page has had no request waiting for its response for 300 ms: Next prefetches the
 * links in view a moment after a render, and those requests must not land after the clock moved.
 */
async function settle(page: Page): Promise<void> {
  const pending = inFlight.get(page) ?? new Set();
  let quietSince = Date.now();
  const started = Date.now();
  while (Date.now() - quietSince < QUIET_MS) {
    if (Date.now() - started > 5000) throw new Error(`still pending: ${[...pending].map((r) => (r as { url(): string }).url()).join(', ')}`);
    if (pending.size > 0) quietSince = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Clicks a header link: a `<Link>`, so Next's router fetches the RSC payload instead of a document. */
async function navigate(page: Page, path: string, title: string): Promise<void> {
  await page.click(`header nav a[href="${path}"]`);
  await page.waitForURL(`${e2e.demo.url}${path}`);
  await page.locator('[data-testid=page-title]', { hasText: title }).waitFor();
  await settle(page);
}

/** Presses the page's "Send 8 requests" button (8 parallel fetch('/api/me')) and returns how many were signed in. */
async function burst(page: Page): Promise<string | null> {
  const result = page.locator('[data-testid=burst-result]');
  const run = Number((await result.count()) > 0 ? await result.getAttribute('data-run') : 0) + 1;
  await page.click('[data-testid=burst]');
  const done = page.locator(`[data-testid=burst-result][data-run="${run}"]`);
  await done.waitFor();
  expect(await done.getAttribute('data-total')).toBe(String(PARALLEL));
  return done.getAttribute('data-ok');
}

describe('demo-next over HTTP', () => {
  it('serves the public routes and answers 401 JSON on the API', async () => {
    const { url } = e2e.demo;
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ ok: true });
    const me = await fetch(`${url}/api/me`);
    expect(me.status).toBe(401);
    expect(me.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await me.json()).toMatchObject({ error: 'unauthorized' });
    const hook = await fetch(`${url}/api/webhooks/billing/paid`, { method: 'POST', body: '{}' });
    expect(hook.status).toBe(202);
    expect(await hook.json()).toEqual({ received: 'billing/paid', bytes: 2 });
    expect((await fetch(`${url}/`)).status).toBe(200);
  });

  it('keeps /dashboard protected when a request claims to be a middleware subrequest', async () => {
    // node:http, not fetch: fetch would send `Sec-Fetch-Mode: cors` and get the data answer (401).
    const forged = await rawGet(`${e2e.demo.url}/dashboard`, { accept: 'text/html', 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' });
    expect(forged.status).toBe(307);
    expect(forged.location).toMatch(/\/login\?next=%2Fdashboard$/);
  });
});

describe('demo-next in Chromium', () => {
  // The first two tests share the one page (neither leaves a session behind it); /print gets a context of its own.
  let rscRequests: string[] = [];
  beforeAll(() => {
    rscRequests = track(e2e.page);
  });

  it('refuses a wrong password and shows the error on the form', async () => {
    const { page } = e2e;
    await page.goto('/login');
    await signIn(page, credentials().email, 'not-the-password');
    await expect(page.locator('[data-testid=login-error]').textContent()).resolves.toContain('Wrong email or password');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('stays signed in across rotations shared by RSC navigations and parallel fetches; a Server Action after expiry works; sign-out', async () => {
    const { demo, page } = e2e;
    const refreshesAtStart = refreshCalls();
    const refreshes = (): number => refreshCalls() - refreshesAtStart;

    // A protected page sends an anonymous visitor to the login form with the return-to …
    await page.goto('/dashboard');
    expect(page.url()).toBe(`${demo.url}/login?next=%2Fdashboard`);
    // … and signing in through the form (a post to the /login/password Route Handler) brings the user back.
    // The form posts to a Route Handler: the answer that sets the session cookie says private, no-store.
    const signInAnswer = page.waitForResponse((response) => new URL(response.url()).pathname === '/login/password');
    const email = await signInThroughForm(e2e, LOGIN_FORM);
    const signedIn = await signInAnswer;
    expect(signedIn.status()).toBe(303);
    expect((await signedIn.allHeaders())['set-cookie']).toBeDefined();
    expect(signedIn.headers()['cache-control']).toMatch(/\bprivate\b.*\bno-store\b/);
    // `claims` pages say how long a sign-out elsewhere can take to reach them; `user` pages ask the auth server.
    await expectRevocationNote(e2e, 'claims');
    expect(refreshes()).toBe(0);
    await settle(page);
    await expectScreenshot(e2e, 'dashboard.png');
    // Marks this document: a full page load would lose it, a client-side navigation keeps it.
    await page.evaluate(() => ((window as { demoMarker?: boolean }).demoMarker = true));

    // Rotation 1: past the refresh point, a <Link> navigation (an RSC request through the proxy)
    // renews the session once; the parallel fetches after it ride on the new cookies.
    mock().controls.clock.advance(PAST_REFRESH_POINT);
    await navigate(page, '/dashboard/settings', 'Settings');
    await expect(page.locator('[data-testid=user-email]').textContent()).resolves.toBe(email);
    expect(rscRequests).toContain('/dashboard/settings');
    expect(refreshes()).toBe(1);
    expect(await burst(page)).toBe(String(PARALLEL));
    expect(refreshes()).toBe(1);

    // Rotation 2: no navigation in between, the eight parallel fetches race on the old cookie and
    // still cause exactly one refresh.
    mock().controls.clock.advance(PAST_REFRESH_POINT);
    expect(await burst(page)).toBe(String(PARALLEL));
    expect(refreshes()).toBe(2);

    // Rotation 3: an RSC navigation back to the dashboard, then another burst.
    mock().controls.clock.advance(PAST_REFRESH_POINT);
    await navigate(page, '/dashboard', 'Dashboard');
    expect(rscRequests.filter((path) => path === '/dashboard').length).toBeGreaterThan(0);
    expect(await burst(page)).toBe(String(PARALLEL));
    expect(refreshes()).toBe(3);
    await expect(page.locator('[data-testid=events]').textContent()).resolves.toContain('session.refreshed');
    expect(await page.evaluate(() => (window as { demoMarker?: boolean }).demoMarker)).toBe(true);

    // Rotation 4: past the token's expiry, the first request is a Server Action (the display-name
    // form). The proxy renews the session on the action's POST, so guardAction lets it through.
    await navigate(page, '/dashboard/settings', 'Settings');
    expect(refreshes()).toBe(3);
    mock().controls.clock.advance(PAST_EXPIRY);
    await page.fill('[data-testid=profile-form] input[name=name]', 'Ada from the e2e test');
    await page.click('[data-testid=profile-form] button[type=submit]');
    await expect(page.locator('[data-testid=profile-result]').textContent()).resolves.toContain('Saved “Ada from the e2e test”');
    expect(refreshes()).toBe(4);
    await expect(page.locator('[data-testid=display-name]').textContent()).resolves.toContain('Ada from the e2e test');
    expect(await page.evaluate(() => (window as { demoMarker?: boolean }).demoMarker)).toBe(true);

    // Still signed in on a page the auth server checks (`user` mode); no extra refresh.
    await navigate(page, '/admin', 'Admin');
    await expect(page.locator('[data-testid=admin-user]').textContent()).resolves.toContain(email);
    await expectRevocationNote(e2e, 'user');
    expect(refreshes()).toBe(4);

    // Sign out (a form post to the /logout Route Handler): back to the login page, the mock saw the logout.
    const logoutsBefore = mock().controls.calls('logout');
    await navigate(page, '/dashboard', 'Dashboard');
    await page.click('[data-testid=sign-out]');
    await page.waitForURL(`${demo.url}/login`);
    expect(mock().controls.calls('logout')).toBe(logoutsBefore + 1);

    // Protected pages redirect with the return-to: documents …
    for (const path of ['/dashboard', '/dashboard/settings', '/admin']) {
      const response = await page.goto(path);
      expect(page.url()).toBe(`${demo.url}/login?next=${encodeURIComponent(path)}`);
      expect(response?.request().redirectedFrom()?.url()).toBe(`${demo.url}${path}`);
    }
    // … and client-side navigations (the RSC request is redirected; the router follows it).
    await page.click('header nav a[href="/dashboard/settings"]');
    await page.waitForURL(`${demo.url}/login?next=%2Fdashboard%2Fsettings`);
    // The API answers 401 JSON instead of a redirect.
    const [anonymous] = await e2e.parallelMe(1);
    expect(anonymous).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    expect(refreshes()).toBe(4);
  });

  it('guards /print, which the proxy never sees, with the server helper alone', async () => {
    const { email, password } = credentials();
    const context = await e2e.browser.newContext({ baseURL: e2e.demo.url });
    const page = await context.newPage();
    track(page);

    try {
      // Anonymous: requireUser() redirects to the login page.
      await page.goto('/print');
      expect(new URL(page.url()).pathname).toBe('/login');

      await signIn(page, email, password);
      await page.waitForURL(/\/dashboard$|\/$/);
      await page.goto('/print');
      await expect(page.locator('[data-testid=print-user]').textContent()).resolves.toBe(email);
      await settle(page);

      // Past expiry nothing renews the session on /print (no proxy there): the helper sees an expired
      // token and redirects to the login page, and the auth server saw no refresh. (Not followed: the
      // proxy would renew the session on /login and send the user on.)
      const before = refreshCalls();
      mock().controls.clock.advance(PAST_EXPIRY);
      const expired = await context.request.get('/print', { maxRedirects: 0 });
      expect(expired.status()).toBe(307);
      expect(expired.headers()['location']).toMatch(/^\/login(\?|$)/);
      expect(refreshCalls()).toBe(before);

      // The session itself is intact: a proxied page renews it, and /print works again.
      await page.goto('/dashboard');
      await expect(page.locator('[data-testid=user-email]').textContent()).resolves.toBe(email);
      expect(refreshCalls()).toBe(before + 1);
      await page.goto('/print');
      await expect(page.locator('[data-testid=print-user]').textContent()).resolves.toBe(email);
    } finally {
      await context.close();
    }
  });

  it('signed in by the test kit (no form): the dashboard loads, and parallel requests past expiry share one refresh', async () => {
    await expectTestKitSession(e2e);
  });
});
