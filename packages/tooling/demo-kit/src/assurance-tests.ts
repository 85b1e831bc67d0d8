// The assurance pages' Chromium tests every demo runs, registered once: each demo passes how its pages are driven.
import { expect, it } from 'vitest';
import { expectBearerApi, expectMfaEnrolAndStepUp, expectRoleGate, expectSignOutEverywhere, SIGNED_OUT_ELSEWHERE_BUDGET_MS, type DemoPages } from './assurance-steps.js';
import type { DemoInChromium } from './demo-in-chromium.js';

/**
 * Registers, in the caller's `describe`, the four tests of the assurance pages: the role gate, the
 * Bearer API, MFA enrolment and step-up, and "sign out everywhere" within its budget.
 *
 * @example
 * describe('demo-hono assurance pages in Chromium', () => assuranceTests(e2e, { loginForm: 'form[action="/login"]' }));
 */
export function assuranceTests(e2e: DemoInChromium, pages: DemoPages): void {
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
}
