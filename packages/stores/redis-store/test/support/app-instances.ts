// N app instances (one Lockstep each, like N processes behind a load balancer) on one in-process mock auth server.
import type { Lockstep, Outcome, RefreshStore } from '@lockstep/core';
import { createSupabaseLockstep } from '@lockstep/supabase';
import { createMockAuth, type MockAuth } from '@lockstep/mock-auth';
import { createChunks, stringToBase64URL } from '@supabase/ssr';

const USER = { email: 'ada@example.com', password: 'correct-horse-1' } as const;
/** The mock's default access-token lifetime, seconds. */
export const LIFETIME = 3600;

export interface AppFleet {
  readonly mock: MockAuth;
  readonly apps: readonly Lockstep[];
  /** A signed-in session's `Cookie` header, as `createBrowserClient` would send it. */
  signedInCookie(): Promise<string>;
  /** A document request to a protected page with `cookie`. */
  request(cookie: string): Request;
}

/** `count` Lockstep instances, each with the store `storeFor(i)` (or the default memory store), on one mock with a frozen clock. */
export async function createAppFleet(count: number, storeFor: (index: number) => RefreshStore | undefined): Promise<AppFleet> {
  const mock = await createMockAuth({ users: [USER] });
  mock.controls.clock.freeze();
  const now = (): number => mock.controls.clock.now() / 1000;
  const apps = Array.from({ length: count }, (_, index) => {
    const refreshStore = storeFor(index);
    return createSupabaseLockstep(
      { supabaseUrl: mock.url, supabaseKey: mock.anonKey, routes: [{ match: '/', access: 'public' }], ...(refreshStore === undefined ? {} : { refreshStore }) },
      { fetch: mock.fetch, now },
    );
  });
  const storageKey = apps[0]?.config.storageKey ?? '';
  return {
    mock,
    apps,
    async signedInCookie() {
      const session = await mock.controls.issueSession(USER.email);
      const value = `base64-${stringToBase64URL(JSON.stringify(session))}`;
      return createChunks(storageKey, value)
        .map((chunk) => `${chunk.name}=${chunk.value}`)
        .join('; ');
    },
    request: (cookie) => new Request('http://app.test/dashboard', { headers: { cookie, accept: 'text/html', 'sec-fetch-mode': 'navigate' } }),
  };
}

/** The refreshed session's tokens of an outcome, or a description of why there are none. */
export function tokensOf(outcome: Outcome): string {
  if (outcome.kind !== 'continue') return `not continued: ${outcome.kind}`;
  if (outcome.auth.kind !== 'authenticated') return `not authenticated: ${outcome.auth.kind}`;
  return `${outcome.auth.session.accessToken} ${outcome.auth.session.refreshToken}`;
}

/** Sends `total` concurrent requests with `cookie`, round-robin over the fleet's instances. */
export function spread(fleet: AppFleet, total: number, cookie: string): Promise<Outcome[]> {
  return Promise.all(Array.from({ length: total }, (_, index) => fleet.apps[index % fleet.apps.length]!.handle(fleet.request(cookie))));
}

/** The refreshed session's refresh token of an outcome (the auth server may mint different access tokens for one child). */
export function refreshTokenOf(outcome: Outcome): string {
  return outcome.kind === 'continue' && outcome.auth.kind === 'authenticated' ? outcome.auth.session.refreshToken : `not authenticated`;
}
