// Test harness for the engine-on-Supabase integration tests: a Lockstep wired to an in-process mock auth server.
import { createMockAuth, type AccessTokenResponse, type CreateMockAuthOptions, type MockAuth } from '@lockstep/mock-auth';
import { formatRequestCookieHeader, type RequestCookie } from '@lockstep/core/cookies';
import type { LockstepEvent } from '@lockstep/core';
import type { Lockstep } from '@lockstep/core';
import type { SupabaseLockstepOptions } from '../src/supabase-options.js';
import type { SupabaseProvider } from '../src/supabase-provider.js';
import { createSupabaseLockstep } from '../src/with-supabase.js';
import { encodeSessionCookie } from '../src/session-cookie.js';

export const USER = { email: 'ada@example.com', password: 'correct-horse-1' } as const;

export const ROUTES: SupabaseLockstepOptions['routes'] = [
  { match: '/assets/**', access: 'ignore' },
  { match: ['/', '/api/health'], access: 'public' },
  { match: '/admin/**', access: 'protected', verify: 'user' },
  { match: '/hints/**', access: 'protected', verify: 'session' },
];

/** The events without their request correlation, for comparing whole events. */
export function eventBodies(events: readonly LockstepEvent[]): unknown[] {
  return events.map(({ requestId: _requestId, ...body }) => body);
}

export interface Harness {
  readonly mock: MockAuth;
  readonly lockstep: Lockstep<SupabaseProvider>;
  readonly events: LockstepEvent[];
  /** Unix seconds on the mock's clock. */
  now(): number;
  /** Signs the seed user in at the mock and returns the session body. */
  signIn(): Promise<AccessTokenResponse>;
  /** The Cookie header @supabase/ssr would send for a session body. */
  cookieFor(session: AccessTokenResponse | Record<string, unknown>): string;
  /** A request to the app, `document` navigation by default. */
  request(path: string, init?: { cookie?: string; api?: boolean; method?: string }): Request;
}

/** A mock with one user, its clock frozen, and a Lockstep pointed at it with `fetch` and `now` injected. */
export async function createHarness(
  options: Partial<SupabaseLockstepOptions> = {},
  mockOptions: CreateMockAuthOptions = {},
  fetchWrapper: (inner: typeof fetch) => typeof fetch = (inner) => inner,
): Promise<Harness> {
  const mock = await createMockAuth({ users: [USER], ...mockOptions });
  mock.controls.clock.freeze();
  const events: LockstepEvent[] = [];
  const now = (): number => mock.controls.clock.now() / 1000;
  const lockstep = createSupabaseLockstep(
    { supabaseUrl: mock.url, supabaseKey: mock.anonKey, routes: ROUTES, onEvent: (event) => events.push(event), ...options },
    { fetch: fetchWrapper(mock.fetch), now },
  );
  return {
    mock,
    lockstep,
    events,
    now,
    signIn: () => mock.controls.issueSession(USER.email),
    cookieFor: (session) => formatRequestCookieHeader(encodeSessionCookie(session as never, lockstep.config.storageKey)),
    request: (path, init = {}) =>
      new Request(`http://app.test${path}`, {
        method: init.method ?? 'GET',
        headers: {
          ...(init.cookie === undefined ? {} : { cookie: init.cookie }),
          ...(init.api === true ? { accept: 'application/json', 'sec-fetch-mode': 'cors' } : { accept: 'text/html', 'sec-fetch-mode': 'navigate' }),
        },
      }),
  };
}

/** Cookies as the downstream code of the same request would see them. */
export function cookiesOf(header: string): RequestCookie[] {
  return header === ''
    ? []
    : header.split('; ').map((pair) => {
        const index = pair.indexOf('=');
        return { name: pair.slice(0, index), value: decodeURIComponent(pair.slice(index + 1)) };
      });
}
