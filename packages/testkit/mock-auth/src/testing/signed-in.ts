// A signed-in user for a test: a session at the mock, as cookies, a Request, or a Playwright storage state.
import type { MockAuth } from '../mock-auth.js';
import type { AccessTokenResponse } from '../sessions.js';
import { cookieHeader, sessionCookies, type NameValue } from './session-cookies.js';

export interface SignedInOptions {
  /** A user of the mock (created with `users` or `controls.createUser`). */
  readonly email: string;
  /** The project URL your app is configured with (names the cookie). @default mock.url */
  readonly supabaseUrl?: string;
}

export interface SignedIn {
  readonly session: AccessTokenResponse;
  readonly cookies: readonly NameValue[];
  /** The `Cookie` header value. */
  readonly cookie: string;
}

/**
 * Signs `email` in at the mock (a real session: its refresh token rotates like GoTrue's) and
 * returns it with its cookies.
 *
 * @example
 * const { cookie } = await signedIn(mock, { email: 'ada@example.com' });
 */
export async function signedIn(mock: MockAuth, options: SignedInOptions): Promise<SignedIn> {
  const session = await mock.controls.issueSession(options.email);
  const cookies = sessionCookies(session, options.supabaseUrl ?? mock.url);
  return { session, cookies, cookie: cookieHeader(cookies) };
}

/**
 * A `Request` to your app carrying the signed-in user's cookies (page navigation headers by default).
 *
 * @example
 * const response = await app.fetch(await signedInRequest(mock, 'http://app.test/dashboard', { email: 'ada@example.com' }));
 */
export async function signedInRequest(mock: MockAuth, url: string | URL, options: SignedInOptions & { readonly init?: RequestInit }): Promise<Request> {
  const { cookie } = await signedIn(mock, options);
  const headers = new Headers(options.init?.headers);
  headers.set('cookie', headers.has('cookie') ? `${headers.get('cookie') ?? ''}; ${cookie}` : cookie);
  if (!headers.has('accept')) headers.set('accept', 'text/html');
  if (!headers.has('sec-fetch-mode')) headers.set('sec-fetch-mode', 'navigate');
  return new Request(url, { ...options.init, headers });
}

/** Playwright's `storageState` shape (`browser.newContext({ storageState })`), typed here so this entry needs no Playwright. */
export interface StorageState {
  readonly cookies: readonly {
    readonly name: string;
    readonly value: string;
    readonly domain: string;
    readonly path: string;
    readonly expires: number;
    readonly httpOnly: boolean;
    readonly secure: boolean;
    readonly sameSite: 'Lax' | 'Strict' | 'None';
  }[];
  readonly origins: readonly { readonly origin: string; readonly localStorage: readonly { readonly name: string; readonly value: string }[] }[];
}

/**
 * A Playwright storage state in which `email` is signed in to the app at `appUrl`: the session
 * cookies for its host, with the attributes Lockstep writes (path `/`, `SameSite=Lax`, `Secure` on https).
 *
 * @example
 * const context = await browser.newContext({ storageState: await storageState(mock, { email: 'ada@example.com', appUrl: baseURL }) });
 */
export async function storageState(mock: MockAuth, options: SignedInOptions & { readonly appUrl: string | URL }): Promise<StorageState> {
  const { cookies, session } = await signedIn(mock, options);
  return toStorageState(cookies, session, options.appUrl);
}

/** The storage state holding `cookies` (of `session`) for the app at `appUrl`. */
export function toStorageState(cookies: readonly NameValue[], session: Pick<AccessTokenResponse, 'expires_at'>, appUrl: string | URL): StorageState {
  const app = new URL(appUrl);
  // The browser keeps the cookie longer than the token: an expired token is refreshed, not lost.
  const expires = session.expires_at + 400 * 24 * 3600;
  return {
    cookies: cookies.map(({ name, value }) => ({ name, value, domain: app.hostname, path: '/', expires, httpOnly: false, secure: app.protocol === 'https:', sameSite: 'Lax' as const })),
    origins: [],
  };
}
