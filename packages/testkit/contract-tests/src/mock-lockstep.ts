// A mock auth server with a frozen clock and a Lockstep instance on the fixture options: the setup of the adapters' mechanics tests.
import type { Lockstep } from '@lockstep/core';
import { createSupabaseLockstep, type SupabaseLockstepOptions } from '@lockstep/supabase';
import { createMockAuth, type MockAuth } from '@lockstep/mock-auth';
import { FIXTURE_USER, fixtureOptions } from './fixture.js';
import { sessionCookieHeader } from './session-cookies.js';

/** The in-process mock, the instance on it, and sessions of `FIXTURE_USER` as `Cookie` headers. */
export interface MockLockstep {
  readonly mock: MockAuth;
  readonly instance: Lockstep;
  /** The Cookie header of a new session whose access token has already expired. */
  expiredCookie(): Promise<string>;
  /** The Cookie header of a new, valid session. */
  validCookie(): Promise<string>;
}

/**
 * Creates the mock (seeded with `FIXTURE_USER`, clock frozen) and an instance on `fixtureOptions`
 * plus `overrides`, whose fetch and clock are the mock's. `expiredCookie()` moves the clock an hour
 * and a second past the new session's issue.
 *
 * @example
 * const { instance, validCookie } = await createMockLockstep({ routes: myRules });
 */
export async function createMockLockstep(overrides: Partial<SupabaseLockstepOptions> = {}): Promise<MockLockstep> {
  const mock = await createMockAuth({ users: [FIXTURE_USER] });
  mock.controls.clock.freeze();
  const instance = createSupabaseLockstep({ ...fixtureOptions(mock), ...overrides }, { fetch: mock.fetch, now: () => mock.controls.clock.now() / 1000 });
  const cookieOf = (session: object): string => sessionCookieHeader(instance.config.storageKey, session);
  return {
    mock,
    instance,
    async validCookie() {
      return cookieOf(await mock.controls.issueSession(FIXTURE_USER.email));
    },
    async expiredCookie() {
      const cookie = cookieOf(await mock.controls.issueSession(FIXTURE_USER.email));
      mock.controls.clock.advance(3601);
      return cookie;
    },
  };
}
