// Test environment: a fresh fake token backend and app per test, browser-like requests, a cookie jar helper.
import type { LockstepEvent, LockstepOptions } from '@lockstep/core';
import type { TokenBackendOptions } from '@lockstep/token-backend';
import { createMockTokenBackend, type MockTokenBackend } from '@lockstep/mock-token-backend';
import { afterEach, beforeEach, expect } from 'vitest';
import { createTokenBackendApp, type Probe, type TokenBackendApp } from '../src/index.js';

export const USER = { email: 'ada@example.com', password: 'pw-ada-1' } as const;
export const TOKEN_LIFETIME = 3600;
export const ORIGIN = 'http://app.test';
export const COOKIE = 'lockstep-session';

/** How the app verifies access tokens in `claims` mode. */
export type Verification = 'jwks' | 'secret' | 'user-endpoint';

/** The provider options for the fake, per verification. */
export function backendOptions(backend: MockTokenBackend, verification: Verification): TokenBackendOptions {
  const urls = { loginUrl: `${backend.url}/login`, refreshUrl: `${backend.url}/token`, logoutUrl: `${backend.url}/logout`, userUrl: `${backend.url}/me` };
  switch (verification) {
    case 'jwks':
      return { ...urls, jwt: { jwksUrl: backend.jwksUrl, issuer: backend.issuer, audience: backend.audience } };
    case 'secret':
      return { ...urls, jwt: { secret: backend.secret, issuer: backend.issuer, audience: backend.audience } };
    case 'user-endpoint':
      return urls;
  }
}

export interface SendInit {
  readonly cookie?: string;
  readonly as?: 'document' | 'api';
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface TestEnv {
  readonly backend: MockTokenBackend;
  readonly built: TokenBackendApp;
  readonly events: LockstepEvent[];
  send(path: string, init?: SendInit): Promise<Response>;
  /** Signs in through the app's login route; returns the browser's Cookie header. */
  signIn(): Promise<string>;
  /** Signs in and lets the access token expire; counters reset. */
  expiredSession(): Promise<string>;
  /** Rebuilds the app with option overrides (same backend). */
  rebuild(overrides: Partial<Omit<LockstepOptions, 'provider'>>): void;
}

const BROWSER_HEADERS = {
  document: { accept: 'text/html,application/xhtml+xml', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
  api: { accept: 'application/json', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' },
} as const;

/** Registers hooks: a fresh backend and app per test; C18 checked on every response. */
export function useEnv(verification: Verification = 'jwks'): TestEnv {
  let backend: MockTokenBackend | undefined;
  let built: TokenBackendApp | undefined;
  const events: LockstepEvent[] = [];
  const violations: string[] = [];
  const build = (overrides: Partial<Omit<LockstepOptions, 'provider'>> = {}): void => {
    const b = required(backend);
    built = createTokenBackendApp({
      backend: backendOptions(b, verification),
      upstream: b.url,
      lockstep: { onEvent: (event) => events.push(event), ...overrides },
      effects: { fetch: b.fetch, now: () => b.clock.now() / 1000 },
    });
  };
  beforeEach(async () => {
    backend = await createMockTokenBackend({ algorithm: verification === 'secret' ? 'HS256' : 'ES256', users: [USER], accessTokenTtl: TOKEN_LIFETIME });
    events.length = 0;
    violations.length = 0;
    build();
  });
  afterEach(() => {
    // C18 as an invariant over every response of the test.
    expect(violations, 'responses that set cookies without Cache-Control: private, no-store').toEqual([]);
  });
  const env: TestEnv = {
    get backend() {
      return required(backend);
    },
    get built() {
      return required(built);
    },
    events,
    async send(path, init = {}) {
      const headers = new Headers(BROWSER_HEADERS[init.as ?? 'document']);
      for (const [name, value] of Object.entries(init.headers ?? {})) headers.set(name, value);
      if (init.cookie !== undefined) headers.set('cookie', init.cookie);
      const method = init.method ?? 'GET';
      const response = await required(built).app.fetch(new Request(ORIGIN + path, { method, headers, ...(init.body === undefined ? {} : { body: init.body }) }));
      const cacheControl = response.headers.get('cache-control') ?? '';
      if (response.headers.getSetCookie().length > 0 && !(/\bno-store\b/.test(cacheControl) && /\bprivate\b/.test(cacheControl))) violations.push(`${method} ${path} → ${response.status}`);
      return response;
    },
    async signIn() {
      const response = await env.send('/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(USER).toString(),
      });
      expect(response.status).toBe(303);
      return applySetCookies('', response.headers.getSetCookie());
    },
    async expiredSession() {
      const cookie = await env.signIn();
      required(backend).clock.advance(TOKEN_LIFETIME + 1);
      required(backend).controls.resetCounters();
      events.length = 0;
      return cookie;
    },
    rebuild: build,
  };
  return env;
}

/** The browser's Cookie header after it applied `setCookies` (deletions included). */
export function applySetCookies(cookieHeader: string, setCookies: readonly string[]): string {
  const jar = new Map<string, string>();
  for (const part of cookieHeader.split(';')) {
    const index = part.indexOf('=');
    if (index > 0) jar.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  for (const line of setCookies) {
    const [pair = ''] = line.split(';');
    const index = pair.indexOf('=');
    const name = pair.slice(0, index).trim();
    if (/;\s*Max-Age=0(;|$)/i.test(line)) jar.delete(name);
    else jar.set(name, pair.slice(index + 1).trim());
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** The value of one cookie in a Cookie header, or null. */
export function cookieValue(cookieHeader: string, name: string): string | null {
  for (const part of cookieHeader.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return null;
}

/** Path and query of a redirect, after checking it stays on the app's origin. */
export function location(response: Response): string {
  const value = response.headers.get('location');
  expect(value).not.toBeNull();
  const url = new URL(value ?? '', ORIGIN);
  expect(url.origin).toBe(ORIGIN);
  return url.pathname + url.search;
}

export async function probeOf(response: Response): Promise<Probe> {
  expect(response.status).toBe(200);
  return (await response.json()) as Probe;
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('test environment used outside a test');
  return value;
}
