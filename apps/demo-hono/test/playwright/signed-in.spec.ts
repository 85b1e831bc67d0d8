// The demo as a user's own Playwright suite would test it: signed in by the test kit (no login form),
// then five tabs on an expired session share one refresh through @lockstep/hono.
import { expect } from '@playwright/test';
import { expectOneRefresh, newTabs, test as base } from '@lockstep/mock-auth/playwright';
import { startDemo, type RunningDemo } from '../../src/index.js';

// The demo runs per worker with its embedded mock; its Lockstep reads the mock's (frozen) clock, so
// `mockAuth.burstAtExpiry` expires the tokens for the app too.
const test = base.extend<object, { demo: RunningDemo }>({
  demo: [
    // Playwright reads a fixture's dependencies from its first parameter, which must be a pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const demo = await startDemo({ port: 0, mock: { tokenLifetimeSeconds: 30 } });
      demo.mock?.controls.clock.freeze();
      await use(demo);
      await demo.close();
    },
    { scope: 'worker' },
  ],
  mockAuthUrl: [async ({ demo }, use) => use(demo.mock?.url), { scope: 'worker' }],
  baseURL: async ({ demo }, use) => use(demo.url),
  authUser: async ({ demo }, use) => use(demo.demoUser ?? { email: 'missing-demo-user@example.com' }),
});

test('the dashboard loads signed in, no refresh needed', async ({ page, authUser, mockAuth }) => {
  const before = await mockAuth.refreshes();
  await page.goto('/dashboard');
  await expect(page.getByTestId('user-email')).toHaveText(authUser.email);
  expect(await mockAuth.refreshes()).toBe(before);
});

test('five tabs on an expired session: one refresh, every tab signed in', async ({ context, authUser, mockAuth }) => {
  const tabs = await newTabs(context, 5);
  const burst = await mockAuth.burstAtExpiry(5, (index) => tabs[index]!.goto('/dashboard'));
  expectOneRefresh(burst);
  expect(burst.results.map((response) => response?.status())).toEqual([200, 200, 200, 200, 200]);
  for (const tab of tabs) await expect(tab.getByTestId('user-email')).toHaveText(authUser.email);
});

test('five parallel API requests on an expired session: one refresh', async ({ page, mockAuth, authUser }) => {
  await page.goto('/dashboard');
  const burst = await mockAuth.burstAtExpiry(1, () => page.evaluate(() => Promise.all(Array.from({ length: 5 }, async () => (await fetch('/api/me')).json() as Promise<{ user?: { email?: string } }>))));
  expectOneRefresh(burst);
  expect(burst.results[0]?.map((body) => body.user?.email)).toEqual(Array<string>(5).fill(authUser.email));
});

test.describe('signed out', () => {
  test.use({ signedIn: false });

  test('the dashboard sends the visitor to the login form', async ({ page, demo }) => {
    await page.goto('/dashboard');
    expect(page.url()).toBe(`${demo.url}/login?next=%2Fdashboard`);
  });
});
