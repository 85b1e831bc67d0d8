// End-to-end, in Chromium: route requirements (roles, aal2 with MFA enrolment and step-up), an API called
// with a Bearer token, and "sign out everywhere" reaching a second browser within a second.
import { assuranceTests, openBrowserContext, signInAs, useDemoInChromium, type DemoPages } from '@lockstep/demo-kit/testing';
import { describe, expect, it } from 'vitest';
import { startDemo } from '../src/index.js';

const e2e = useDemoInChromium('demo-remix-assurance', startDemo);

/** Waits until React has hydrated the page, so its buttons and the client router handle input. */
async function hydrated(page: Parameters<NonNullable<DemoPages['ready']>>[0]): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __reactRouterRouteModules?: unknown }).__reactRouterRouteModules !== undefined);
}

const pages: DemoPages = { loginForm: 'main form', ready: hydrated };

describe('demo-remix assurance pages in Chromium', () => {
  it('the MFA action refuses another site\'s form post (no factor is enrolled)', async () => {
    const { context, page } = await openBrowserContext(e2e);
    try {
      await signInAs(e2e, pages, page, e2e.demo.demoUser ?? { email: '', password: '' }, '/settings/security');
      const before = e2e.mock().controls.calls('factors:enroll');
      const response = await context.request.post('/settings/security', { headers: { origin: 'https://evil.example' }, form: { intent: 'enrol', next: '' } });
      // React Router refuses a cross-origin action post itself (400); the action's own Origin check (403) is the second line.
      expect([400, 403]).toContain(response.status());
      expect(e2e.mock().controls.calls('factors:enroll')).toBe(before);
    } finally {
      await context.close();
    }
  });

  // Last: "sign out everywhere" revokes the demo user's sessions up to that second.
  assuranceTests(e2e, pages);
});
