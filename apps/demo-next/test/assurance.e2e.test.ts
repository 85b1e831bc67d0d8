// End-to-end, in Chromium: route requirements (roles, aal2 with MFA enrolment and step-up), an API called
// with a Bearer token, and "sign out everywhere" reaching a second browser within a second.
import { assuranceTests, useDemoInChromium, type DemoPages } from '@lockstep/demo-kit/testing';
import type { Page } from 'playwright-core';
import { describe } from 'vitest';
import { startDemo } from '../src/index.js';

const e2e = useDemoInChromium('demo-next-assurance', startDemo);

/** On /settings/security, waits until React has hydrated it (its client components render a mark then). */
async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => !location.pathname.startsWith('/settings/security') || document.querySelector('[data-testid=hydrated]') !== null);
}

const pages: DemoPages = { loginForm: '[data-testid=login-form]', ready: hydrated };

describe('demo-next assurance pages in Chromium', () => {
  assuranceTests(e2e, pages);
});
