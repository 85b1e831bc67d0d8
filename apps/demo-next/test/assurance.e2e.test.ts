// End-to-end, in Chromium: route requirements (roles, aal2 with MFA enrolment and step-up), an API called
// with a Bearer token, and "sign out everywhere" reaching a second browser within a second.
import { expectBearerApi, expectMfaEnrolAndStepUp, expectRoleGate, expectSignOutEverywhere, SIGNED_OUT_ELSEWHERE_BUDGET_MS, useDemoInChromium, type DemoPages } from '@lockstep/demo-kit/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startDemo } from '../src/index.js';

const e2e = useDemoInChromium('demo-next-assurance', startDemo);

/** On /settings/security, waits until React has hydrated it (its client components render a mark then). */
async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => !location.pathname.startsWith('/settings/security') || document.querySelector('[data-testid=hydrated]') !== null);
}

const pages: DemoPages = { loginForm: '[data-testid=login-form]', ready: hydrated };

describe('demo-next assurance pages in Chromium', () => {
  it('/admin/staff needs the admin role: 403 for the demo user, the page for the admin', async () => {
    await expectRoleGate(e2e, pages);
  });

  it('/api/profile answers a Bearer token without cookies, and 401 invalid_token once it expired', async () => {
    await expectBearerApi(e2e, pages);
  });

  it('/admin/billing needs aal2: TOTP enrolment on /settings/security, later a step-up, each back to billing', async () => {
    await expectMfaEnrolAndStepUp(e2e, pages);
  });

  it('"sign out everywhere" reaches a second browser within a second', async ({ annotate }) => {
    const elapsed = await expectSignOutEverywhere(e2e, pages);
    expect(elapsed).toBeLessThanOrEqual(SIGNED_OUT_ELSEWHERE_BUDGET_MS);
    await annotate(`second browser shows the sign-out ${String(elapsed)} ms after the click in the first`);
  });
});
