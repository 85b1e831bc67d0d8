// The @lockstep/mock-auth/playwright fixtures in Chromium, against an app that reads the session with
// @supabase/ssr itself: its cookies sign the page in (chunked too), and the refresh count is real.
import { expect } from '@playwright/test';
import { expectOneRefresh, newTabs, test as base } from '../../src/playwright/index.js';
import { startSsrApp, type SsrApp } from './ssr-app.js';

// The app is started per worker, against the worker's mock; `baseURL` points the cookies at it.
const test = base.extend<object, { app: SsrApp }>({
  app: [
    async ({ mockAuth }, use) => {
      const app = await startSsrApp(mockAuth.url, 'anon');
      await use(app);
      await app.close();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ app }, use) => use(app.url),
});

test('a protected page loads signed in, with cookies named for the project URL', async ({ page, authUser, authSession, context, app }) => {
  await page.goto('/dashboard');
  await expect(page.getByTestId('email')).toHaveText(authUser.email);
  const cookies = await context.cookies(app.url);
  expect(cookies.map(({ name }) => name)).toEqual(['sb-127-auth-token']);
  expect(cookies[0]?.value).toBe(authSession?.cookies[0]?.value);
});

test('an outage: the page is not signed in; restored, it is', async ({ page, mockAuth, authUser }) => {
  const restore = await mockAuth.injectOutage();
  await page.goto('/dashboard');
  expect(new URL(page.url()).pathname).toBe('/login');
  await restore();
  await page.goto('/dashboard');
  await expect(page.getByTestId('email')).toHaveText(authUser.email);
});

test.describe('a large session', () => {
  // Metadata large enough to need three cookies; the fixture must chunk as @supabase/ssr does.
  test.use({ authUser: { email: 'large@example.com', userMetadata: { bio: 'x'.repeat(1500) } } });

  test('is chunked into cookies the app reads back', async ({ page, context, app }) => {
    const names = (await context.cookies(app.url)).map(({ name }) => name).sort();
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(names[0]).toBe('sb-127-auth-token.0');
    await page.goto('/dashboard');
    await expect(page.getByTestId('email')).toHaveText('large@example.com');
  });
});

test.describe('signed out', () => {
  test.use({ signedIn: false });

  test('no session cookie; the protected page redirects', async ({ page, authSession, context }) => {
    expect(authSession).toBeNull();
    expect(await context.cookies()).toEqual([]);
    await page.goto('/dashboard');
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});

test.describe('an expired session', () => {
  test.use({ signedIn: 'expired' });

  test('is refreshed on the first page load', async ({ page, mockAuth, authUser, authSession }) => {
    expect(authSession?.session.expires_at).toBeLessThan(Date.now() / 1000);
    const before = await mockAuth.refreshes();
    await page.goto('/dashboard');
    await expect(page.getByTestId('email')).toHaveText(authUser.email);
    expect((await mockAuth.refreshes()) - before).toBe(1);
  });

  test('five tabs at once: this app refreshes once per tab, and expectOneRefresh says so', async ({ context, mockAuth }) => {
    const tabs = await newTabs(context, 5);
    // A slow auth server, so that every tab's refresh is in flight before the first one answers.
    const restore = await mockAuth.injectOutage({ endpoint: 'token:refresh_token', fault: { kind: 'delay', ms: 600 } });
    const burst = await mockAuth.burstAtExpiry(5, (index) => tabs[index]!.goto('/dashboard'), { expire: false });
    await restore();
    expect(burst.results.map((response) => response?.status())).toEqual([200, 200, 200, 200, 200]);
    expect(burst.refreshes).toBe(5);
    expect(() => expectOneRefresh(burst)).toThrow('Expected exactly one refresh at the auth server, saw 5.');
  });
});

test.describe('an app configured with another project URL', () => {
  test.use({ supabaseUrl: 'https://abcdefgh.supabase.co' });

  test('gets its cookie named for that project', async ({ context, app }) => {
    expect((await context.cookies(app.url)).map(({ name }) => name)).toEqual(['sb-abcdefgh-auth-token']);
  });
});
