// The test harness: the mock OIDC provider, a Lockstep instance on the OIDC provider, a cookie jar, and the sign-in dance.
import { createLockstep, type CookieOptions, type Lockstep, type LockstepEvent, type RouteRule } from '@lockstep/core';
import { createMockOidc, type MockOidc, type MockOidcOptions } from '@lockstep/mock-oidc';
import { oidc, type OidcOptions, type OidcProvider, type OidcSessionProvider } from '../src/index.js';

export const EMAIL = 'ada@example.com';
export const SECRET = 'test-client-secret';
export const APP = 'http://app.test';

export const ROUTES: readonly RouteRule[] = [
  { match: ['/', '/login'], access: 'public' },
  { match: '/admin/**', access: 'protected', verify: 'user' },
  { match: '/peek', access: 'protected', verify: 'session' },
];

/** A mock, a provider for it, and a Lockstep instance whose clock and fetch are the mock's. */
export interface Harness {
  readonly mock: MockOidc;
  readonly provider: OidcProvider;
  readonly lockstep: Lockstep<OidcSessionProvider>;
  readonly events: LockstepEvent[];
  readonly now: () => number;
}

export async function createHarness(options: { mock?: MockOidcOptions; provider?: Partial<OidcOptions>; authTimeoutMs?: number; cookies?: CookieOptions } = {}): Promise<Harness> {
  const mock = await createMockOidc({ users: [{ email: EMAIL, name: 'Ada' }], client: { clientSecret: SECRET }, startTime: 1_800_000_000_000, ...options.mock });
  const provider = oidc({ issuer: mock.issuer, clientId: mock.clientId, clientSecret: SECRET, ...options.provider });
  const events: LockstepEvent[] = [];
  const now = (): number => mock.clock.nowSeconds();
  const lockstep = createLockstep(
    { provider, routes: ROUTES, onEvent: (event) => events.push(event), ...(options.authTimeoutMs === undefined ? {} : { authTimeoutMs: options.authTimeoutMs }), ...(options.cookies === undefined ? {} : { cookies: options.cookies }) },
    { fetch: mock.fetch, now },
  );
  return { mock, provider, lockstep, events, now };
}

/** A browser's cookies for one origin: applies `Set-Cookie` values, renders the `Cookie` header. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  apply(setCookies: readonly string[]): void {
    for (const header of setCookies) {
      const [pair = '', ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const deleted = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (deleted) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  set(name: string, value: string): void {
    this.#cookies.set(name, value);
  }

  names(): string[] {
    return [...this.#cookies.keys()];
  }

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  request(path: string, init: RequestInit = {}): Request {
    const headers = new Headers(init.headers);
    if (this.#cookies.size > 0) headers.set('cookie', this.header());
    return new Request(`${APP}${path}`, { ...init, headers });
  }
}

/** Starts a sign-in and lets the mock approve it: returns the callback URL the browser is sent to. */
export async function authorizeAt(harness: Harness, jar: CookieJar): Promise<URL> {
  const start = await harness.provider.startSignIn(jar.request('/login'), { now: harness.now() });
  if (start.kind !== 'redirect') throw new Error(`sign-in start failed: ${start.cause}`);
  jar.apply(start.response.headers.getSetCookie());
  const approval = await harness.mock.fetch(start.location, { redirect: 'manual' });
  const location = approval.headers.get('location');
  if (location === null) throw new Error(`no redirect from the authorization endpoint (${approval.status})`);
  return new URL(location);
}

/** The whole sign-in: start, approval, callback; the jar ends up with the session cookie. */
export async function signIn(harness: Harness, jar = new CookieJar()): Promise<CookieJar> {
  const callback = await authorizeAt(harness, jar);
  const result = await harness.lockstep.exchangeCode(jar.request(callback.pathname + callback.search));
  if (result.kind !== 'signed_in') throw new Error(`sign-in failed: ${result.kind === 'rejected' ? result.reason : result.cause}`);
  jar.apply(result.redirect.cookies.setCookie);
  return jar;
}
