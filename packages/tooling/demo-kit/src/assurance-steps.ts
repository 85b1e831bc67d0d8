// The e2e steps of the assurance pages every demo has: roles, a Bearer API call, MFA enrolment and step-up, sign out everywhere.
import { totpCode } from '@lockstep/mock-auth';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { DemoUser } from './auth-backend.js';
import { E2E_TOKEN_LIFETIME, type DemoInChromium } from './demo-in-chromium.js';

/** How a demo's pages are driven: its login form, and what to wait for after a navigation (hydration). */
export interface DemoPages {
  /** Selector of the login `<form>` (with `email` and `password` inputs and a submit button). */
  readonly loginForm: string;
  /** Waits until a freshly loaded page reacts to input (a hydrated React app). @default nothing */
  readonly ready?: (page: Page) => Promise<void>;
}

/** A second browser (its own cookie jar) on the demo, closed by `close()`. */
export async function openBrowserContext(e2e: DemoInChromium): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.browser.newContext({ baseURL: e2e.demo.url });
  return { context, page: await context.newPage() };
}

/** Signs `user` in through the login form with `next` as return-to and waits until the browser is there. */
export async function signInAs(e2e: DemoInChromium, pages: DemoPages, page: Page, user: DemoUser, next: string): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await pages.ready?.(page);
  await page.fill(`${pages.loginForm} input[name=email]`, user.email);
  await page.fill(`${pages.loginForm} input[name=password]`, user.password);
  await page.click(`${pages.loginForm} button[type=submit]`);
  await page.waitForURL(`${e2e.demo.url}${next}`);
}

function demoUser(e2e: DemoInChromium): DemoUser {
  if (e2e.demo.demoUser === undefined) throw new Error('the e2e test needs the seeded demo user');
  return e2e.demo.demoUser;
}

function adminUser(e2e: DemoInChromium): DemoUser {
  if (e2e.demo.adminUser === undefined) throw new Error('the e2e test needs the seeded admin user');
  return e2e.demo.adminUser;
}

/** `/admin/staff` (`roles: ['admin']`): 403 in place for the demo user (no login loop), the page for the admin. */
export async function expectRoleGate(e2e: DemoInChromium, pages: DemoPages): Promise<void> {
  const member = await openBrowserContext(e2e);
  const admin = await openBrowserContext(e2e);
  try {
    await signInAs(e2e, pages, member.page, demoUser(e2e), '/dashboard');
    const denied = await member.page.goto('/admin/staff');
    expect(denied?.status()).toBe(403);
    expect(member.page.url()).toBe(`${e2e.demo.url}/admin/staff`);
    await signInAs(e2e, pages, admin.page, adminUser(e2e), '/admin/staff');
    await expect(admin.page.locator('[data-testid=staff-roles]').textContent()).resolves.toContain('admin');
  } finally {
    await member.context.close();
    await admin.context.close();
  }
}

/**
 * The security page's "call with Bearer" button: `/api/profile` answers 200 for the user on the
 * token alone (no cookies sent, none written); once the token has expired, 401 with
 * `error="invalid_token"` (the client refreshes itself).
 */
export async function expectBearerApi(e2e: DemoInChromium, pages: DemoPages): Promise<void> {
  const { context, page } = await openBrowserContext(e2e);
  try {
    const user = demoUser(e2e);
    await signInAs(e2e, pages, page, user, '/settings/security');
    await pages.ready?.(page);
    const ok = await callWithBearer(page);
    expect(ok.status).toBe(200);
    expect(ok.cookieSent).toBe(false);
    expect(ok.setCookie).toBeUndefined();
    expect(JSON.parse(ok.body)).toMatchObject({ user: { email: user.email }, credential: 'bearer' });
    e2e.mock().controls.clock.advance(E2E_TOKEN_LIFETIME + 1);
    const expired = await callWithBearer(page);
    expect(expired.status).toBe(401);
    expect(expired.wwwAuthenticate).toMatch(/^Bearer .*error="invalid_token"/);
    await expect(page.locator('[data-testid=bearer-out]').getAttribute('data-status')).resolves.toBe('401');
  } finally {
    await context.close();
  }
}

async function callWithBearer(page: Page): Promise<{ status: number; body: string; cookieSent: boolean; setCookie: string | undefined; wwwAuthenticate: string | undefined }> {
  const [response] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === '/api/profile'), page.click('[data-testid=bearer-call]')]);
  const sent = await response.request().allHeaders();
  const headers = await response.allHeaders();
  return { status: response.status(), body: await response.text(), cookieSent: 'cookie' in sent, setCookie: headers['set-cookie'], wwwAuthenticate: headers['www-authenticate'] };
}

/**
 * `/admin/billing` (`aal: 'aal2'`): the demo user without a factor is sent to `/settings/security`
 * with the return-to, enrols a TOTP factor (the code computed from the page's secret on the mock's
 * clock) and lands on billing at aal2. Signed in again (aal1), the same page asks for a code only
 * (step-up) and returns to billing.
 */
export async function expectMfaEnrolAndStepUp(e2e: DemoInChromium, pages: DemoPages): Promise<void> {
  const { context, page } = await openBrowserContext(e2e);
  const { demo, mock } = e2e;
  const stepUpUrl = `${demo.url}/settings/security?next=%2Fadmin%2Fbilling&requirement=aal`;
  try {
    await signInAs(e2e, pages, page, demoUser(e2e), '/dashboard');
    await page.goto('/admin/billing');
    expect(page.url()).toBe(stepUpUrl);
    await pages.ready?.(page);
    await expect(page.locator('[data-testid=factor-count]').textContent()).resolves.toBe('0');
    await page.click('[data-testid=mfa-enrol]');
    const secret = (await page.locator('[data-testid=totp-secret]').textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]+$/);
    await pages.ready?.(page);
    await submitCode(page, '000000');
    await expect(page.locator('[data-testid=mfa-error]').textContent()).resolves.toContain('Invalid TOTP code');
    await pages.ready?.(page);
    await submitCode(page, totpCode(secret, mock().controls.clock.now()));
    await page.waitForURL(`${demo.url}/admin/billing`);
    await expect(page.locator('[data-testid=billing-aal]').textContent()).resolves.toBe('aal2');

    // A new sign-in is aal1 again: billing asks for a code (step-up), the factor is already there.
    mock().controls.clock.advance(30);
    await context.clearCookies();
    await signInAs(e2e, pages, page, demoUser(e2e), '/dashboard');
    await page.goto('/admin/billing');
    expect(page.url()).toBe(stepUpUrl);
    await pages.ready?.(page);
    await expect(page.locator('[data-testid=factor-count]').textContent()).resolves.toBe('1');
    await expect(page.locator('[data-testid=mfa-enrol]').count()).resolves.toBe(0);
    await submitCode(page, totpCode(secret, mock().controls.clock.now()));
    await page.waitForURL(`${demo.url}/admin/billing`);
    await expect(page.locator('[data-testid=billing-aal]').textContent()).resolves.toBe('aal2');
  } finally {
    await context.close();
  }
}

/** Submits the code form; the caller waits for what follows (the error, or the return-to page). */
async function submitCode(page: Page, code: string): Promise<void> {
  await page.fill('[data-testid=mfa-verify] input[name=code]', code);
  await page.click('[data-testid=mfa-verify] button[type=submit]');
}

/** How long the second browser may take to show that its session was ended, from the click in the first, in ms. */
export const SIGNED_OUT_ELSEWHERE_BUDGET_MS = 1000;

/**
 * Two browsers signed in as the demo user, both on `/settings/security`. "Sign out everywhere" in
 * the first sends it to the login page, and the second shows "signed out elsewhere" (its watcher
 * polls the `claims`-verified `/api/me` every 250 ms; Lockstep's revocation list refuses the token
 * there at once) within `SIGNED_OUT_ELSEWHERE_BUDGET_MS` of the click. Returns the time it took.
 */
export async function expectSignOutEverywhere(e2e: DemoInChromium, pages: DemoPages): Promise<number> {
  const first = await openBrowserContext(e2e);
  const second = await openBrowserContext(e2e);
  const { demo } = e2e;
  try {
    await signInAs(e2e, pages, first.page, demoUser(e2e), '/settings/security');
    await signInAs(e2e, pages, second.page, demoUser(e2e), '/settings/security');
    await pages.ready?.(first.page);
    await pages.ready?.(second.page);
    await expect(second.page.locator('[data-testid=signed-out-elsewhere]').isHidden()).resolves.toBe(true);
    // Timed from the click: the first browser's sign-out round trip counts against the budget too.
    const clickedAt = Date.now();
    await first.page.click('[data-testid=sign-out-everywhere]');
    await second.page.locator('[data-testid=signed-out-elsewhere]').waitFor({ state: 'visible', timeout: SIGNED_OUT_ELSEWHERE_BUDGET_MS });
    const elapsed = Date.now() - clickedAt;
    await first.page.waitForURL(`${demo.url}/login`);
    // And a page load in the second browser is signed out too.
    await second.page.goto('/dashboard');
    expect(second.page.url()).toBe(`${demo.url}/login?next=%2Fdashboard`);
    return elapsed;
  } finally {
    await first.context.close();
    await second.context.close();
  }
}
