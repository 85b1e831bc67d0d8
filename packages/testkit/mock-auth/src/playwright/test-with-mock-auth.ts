// `test` for Playwright Test: a mock per worker (or one at a URL), a signed-in user, and a browser
// context whose storage state holds that user's @supabase/ssr cookies for the app's origin.
import { test as base } from '@playwright/test';
import type { MockAuthOptions } from '../options.js';
import { startMockAuth } from '../server.js';
import { remoteMockAuth, type RemoteMockAuth } from '../testing/remote-mock.js';
import { sessionCookies, type NameValue } from '../testing/session-cookies.js';
import { toStorageState } from '../testing/signed-in.js';
import type { AccessTokenResponse } from '../sessions.js';

/** Options that hold for a whole worker (`test.use({ mockAuthUrl })` at the top of a file, or in the config's `use`). */
export interface MockAuthWorkerOptions {
  /** A mock that is already running (e.g. the `lockstep-mock-auth` CLI in your `webServer`). Unset: each worker starts its own. */
  mockAuthUrl: string | undefined;
  /** Options of the mock each worker starts (`port`, `tokenLifetimeSeconds`, seed `users`, …). */
  mockAuthOptions: MockAuthOptions;
}

export interface MockAuthWorkerFixtures {
  /** The worker's mock, driven through its control routes: clock, outages, refresh counts, bursts. */
  mockAuth: RemoteMockAuth;
}

/** Who is signed in, and how. */
export interface MockAuthTestOptions {
  /** The user to sign in; created at the mock when missing (`userMetadata` makes a large session, in chunked cookies). */
  authUser: { readonly email: string; readonly password?: string; readonly userMetadata?: Readonly<Record<string, unknown>> };
  /** The project URL your app is configured with (it names the cookie). Unset: the mock's URL. */
  supabaseUrl: string | undefined;
  /** `'fresh'` (default), `'expired'` (the access token is already past its lifetime by the wall clock), or `false`: no session. */
  signedIn: 'fresh' | 'expired' | false;
}

/** The session the test's context holds. */
export interface AuthSession {
  readonly session: AccessTokenResponse;
  readonly cookies: readonly NameValue[];
}

export interface MockAuthTestFixtures {
  /** The signed-in session whose cookies are in `storageState`, or `null` with `signedIn: false`. */
  authSession: AuthSession | null;
}

/** Used when `authUser` is not set. */
export const DEFAULT_AUTH_USER = { email: 'playwright-user@example.com', password: 'playwright-password-1' } as const;

/**
 * Playwright's `test` with the mock-auth fixtures: `page` and `context` start signed in.
 *
 * @example
 * test('the dashboard greets the user', async ({ page, authUser }) => {
 *   await page.goto('/dashboard');
 *   await expect(page.getByText(authUser.email)).toBeVisible();
 * });
 */
export const test = base.extend<MockAuthTestOptions & MockAuthTestFixtures, MockAuthWorkerOptions & MockAuthWorkerFixtures>({
  mockAuthUrl: [undefined, { option: true, scope: 'worker' }],
  mockAuthOptions: [{}, { option: true, scope: 'worker' }],
  mockAuth: [
    async ({ mockAuthUrl, mockAuthOptions }, use) => {
      if (mockAuthUrl !== undefined) return use(remoteMockAuth(mockAuthUrl));
      const running = await startMockAuth(mockAuthOptions);
      try {
        await use(remoteMockAuth(running.url));
      } finally {
        await running.stop();
      }
    },
    { scope: 'worker' },
  ],
  authUser: [DEFAULT_AUTH_USER, { option: true }],
  supabaseUrl: [undefined, { option: true }],
  signedIn: ['fresh', { option: true }],
  authSession: async ({ mockAuth, authUser, supabaseUrl, signedIn }, use) => {
    if (signedIn === false) return use(null);
    await mockAuth.ensureUser(authUser);
    const session = await mockAuth.issueSession(authUser.email, { expired: signedIn === 'expired' });
    await use({ session, cookies: sessionCookies(session, supabaseUrl ?? mockAuth.url) });
  },
  storageState: async ({ storageState, authSession, baseURL }, use) => {
    if (authSession === null) return use(storageState);
    if (baseURL === undefined) throw new Error('@lockstep/mock-auth/playwright: set `baseURL` (the app the cookies are for) in the config or test.use().');
    const state = toStorageState(authSession.cookies, authSession.session, baseURL);
    await use({ cookies: [...state.cookies], origins: [] });
  },
});
