// A mock auth server with a frozen clock and the Lockstep options of the adapter mechanics tests.
import { createLockstep, type Lockstep, type SupabaseLockstepOptions } from '@lockstep/core';
import { createMockAuth, type MockAuth } from '@lockstep/mock-auth';
import { FIXTURE_USER, fixtureOptions } from '@lockstep/contract-tests';
import { createChunks, stringToBase64URL } from '@supabase/ssr';

export interface Setup {
  readonly mock: MockAuth;
  readonly instance: Lockstep;
  /** The Cookie header of a new session whose access token has already expired. */
  expiredCookie(): Promise<string>;
  /** The Cookie header of a new, valid session. */
  validCookie(): Promise<string>;
}

export async function setup(overrides: Partial<SupabaseLockstepOptions> = {}): Promise<Setup> {
  const mock = await createMockAuth({ users: [FIXTURE_USER] });
  mock.controls.clock.freeze();
  const instance = createLockstep({ ...fixtureOptions(mock), ...overrides }, { fetch: mock.fetch, now: () => mock.controls.clock.now() / 1000 });
  const cookieOf = (session: object): string =>
    createChunks(instance.config.storageKey, `base64-${stringToBase64URL(JSON.stringify(session))}`)
      .map(({ name, value }) => `${name}=${value}`)
      .join('; ');
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
