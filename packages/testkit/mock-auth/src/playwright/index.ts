// Entry @lockstep/mock-auth/playwright: Playwright Test fixtures over the mock (needs @playwright/test); re-exports only.
export {
  DEFAULT_AUTH_USER,
  test,
  type AuthSession,
  type MockAuthTestFixtures,
  type MockAuthTestOptions,
  type MockAuthWorkerFixtures,
  type MockAuthWorkerOptions,
} from './test-with-mock-auth.js';
export { newTabs } from './open-tabs.js';
export { expectOneRefresh, type Burst } from '../testing/expiry-and-outages.js';
export type { RemoteMockAuth } from '../testing/remote-mock.js';
