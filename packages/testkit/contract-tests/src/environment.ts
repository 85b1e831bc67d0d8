// The suite's fixture: one backend per suite, a fresh backend state per test, apps started through the harness.
import { createLockstep, isLockstep, type Lockstep } from '@lockstep/core';
import { createMemoryRevocationStore } from '@lockstep/core/revocation';
import type { RunningMockAuth } from '@lockstep/mock-auth';
import { fromSetup } from '@lockstep/supabase';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { AppOverrides, BackendSession, ContractBackend, IssuedSession, IssueOptions } from './backends/contract-backend.js';
import { isGotrueBackend } from './backends/gotrue-backend.js';
import { startEventSink, type EventSink } from './event-sink.js';
import type { ContractBackendName } from './backends/index.js';
import { FIXTURE_BASE_OPTIONS, FIXTURE_USER, TOKEN_LIFETIME, type Probe } from './fixture.js';
import type { AdapterCapabilities, AdapterHarness, RunningApp } from './harness.js';

/** How a request presents itself: a browser navigation (default) or a `fetch` from page code. */
export type RequestStyle = 'document' | 'api';

/** A request to the fixture app. */
export interface SendInit {
  readonly cookie?: string;
  readonly as?: RequestStyle;
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Another app than the suite's default one (see `startApp`). */
  readonly app?: RunningApp;
  /** The request is a Server Action call (C18: `capabilities.serverActionCacheControl` applies to its response). */
  readonly serverAction?: boolean;
}

/** What scenarios use; valid inside `it` blocks (`capabilities` and `backend.capabilities` also at registration). */
export interface ContractEnv {
  readonly capabilities: AdapterCapabilities;
  /** The backend the suite runs against, in provider-neutral terms. */
  readonly backend: ContractBackend;
  /** The GoTrue mock itself: only for the scenario groups registered where `backend.capabilities.supabaseWireFormat`. */
  readonly mock: RunningMockAuth;
  /** The session cookie name the fixture app uses (Supabase: `sb-<ref>-auth-token`; token backend: `lockstep-session`). */
  readonly cookieName: string;
  /** Whether the default app's cookies carry `Secure` (the default for every host but loopback). */
  readonly cookieSecure: boolean;
  /** The default app's origin (e.g. for an `Origin` header). */
  readonly origin: string;
  /** Path and query of a redirect's `Location`, after checking it stays on the app's origin. */
  location(response: Response, app?: RunningApp): string;
  /** Starts an app with option overrides; it is closed after the test. */
  startApp(overrides: AppOverrides): Promise<RunningApp>;
  /** Starts an event sink (pass its `url` as `AppOverrides.eventSink`); it is closed after the test. */
  eventSink(): Promise<EventSink>;
  /**
   * Starts an app whose revocations are shared (a memory `revocation.store`) with `admin`, another
   * instance on the same backend, as a webhook or an admin tool would hold. Only where
   * `capabilities.inProcessOptions`. Closed after the test.
   */
  startAppWithRevocations(): Promise<{ readonly app: RunningApp; readonly admin: Lockstep }>;
  send(path: string, init?: SendInit): Promise<Response>;
  /** Moves the backend's (and every app's) clock forward. */
  advance(seconds: number): Promise<void>;
  /** A new session of the fixture user, issued by the backend, and the Cookie header a browser would send for it. */
  signIn(options?: IssueOptions): Promise<{ readonly session: IssuedSession; readonly cookie: string }>;
  cookieFor(session: BackendSession): string;
}

const BROWSER_HEADERS: Record<RequestStyle, Record<string, string>> = {
  document: { accept: 'text/html,application/xhtml+xml', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
  api: { accept: 'application/json', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' },
};

/** Registers the lifecycle hooks in the current `describe` and returns the environment. */
export function useContractEnv(harness: AdapterHarness, backendName: ContractBackendName, backend: ContractBackend): ContractEnv {
  let started = false;
  let defaultApp: RunningApp | undefined;
  const extraApps: RunningApp[] = [];
  const sinks: EventSink[] = [];
  const cacheViolations: string[] = [];
  const required = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`contract suite: ${what} used outside a test`);
    return value;
  };
  const apps = (): RunningApp[] => [...(defaultApp === undefined ? [] : [defaultApp]), ...extraApps];
  const syncClocks = async (): Promise<void> => {
    const now = backend.now();
    for (const app of apps()) await app.setClock?.(now);
  };
  const start = async (overrides: AppOverrides, base: typeof FIXTURE_BASE_OPTIONS = FIXTURE_BASE_OPTIONS): Promise<RunningApp> => {
    const app = await harness.start({
      backend: backendName,
      lockstepOptions: backend.setup(base, overrides),
      portableOptions: backend.portableSetup(FIXTURE_BASE_OPTIONS, overrides),
      effects: backend.effects,
    });
    await app.setClock?.(backend.now());
    return app;
  };

  beforeAll(async () => {
    await backend.start();
    started = true;
    backend.reset(TOKEN_LIFETIME);
    defaultApp = await start({});
  });
  beforeEach(async () => {
    backend.reset(TOKEN_LIFETIME);
    cacheViolations.length = 0;
    await syncClocks();
  });
  afterEach(async () => {
    for (const app of extraApps.splice(0)) await app.close();
    for (const sink of sinks.splice(0)) await sink.close();
    // C18 as an invariant over every response of the test, not only the ones a scenario inspects.
    expect(cacheViolations, 'responses that set auth cookies without Cache-Control: private, no-store').toEqual([]);
  });
  afterAll(async () => {
    await defaultApp?.close();
    if (started) await backend.stop();
  });

  const env: ContractEnv = {
    capabilities: harness.capabilities,
    backend,
    get mock() {
      if (!isGotrueBackend(backend)) throw new Error(`contract suite: a Supabase-only scenario is registered for the ${backend.name} backend`);
      return backend.mock;
    },
    get cookieName() {
      return backend.cookieName;
    },
    get cookieSecure() {
      return !isLoopbackOrigin(required(defaultApp, 'app').origin);
    },
    get origin() {
      return required(defaultApp, 'app').origin;
    },
    location: (response, app) => redirectTarget(response, (app ?? required(defaultApp, 'app')).origin),
    async startApp(overrides) {
      const app = await start(overrides);
      extraApps.push(app);
      return app;
    },
    async eventSink() {
      const sink = await startEventSink();
      sinks.push(sink);
      return sink;
    },
    async startAppWithRevocations() {
      if (harness.capabilities.inProcessOptions !== true) throw new Error('contract suite: revocation scenarios need an app built in this process (capabilities.inProcessOptions)');
      const base = { ...FIXTURE_BASE_OPTIONS, revocation: { store: createMemoryRevocationStore({ now: backend.effects.now }) } };
      const app = await start({}, base);
      extraApps.push(app);
      const setup = fromSetup(backend.setup(base, {}));
      return { app, admin: isLockstep(setup) ? setup : createLockstep(setup, backend.effects) };
    },
    async send(path, init = {}) {
      const app = init.app ?? required(defaultApp, 'app');
      const headers = new Headers(BROWSER_HEADERS[init.as ?? 'document']);
      for (const [name, value] of Object.entries(init.headers ?? {})) headers.set(name, value);
      if (init.cookie !== undefined) headers.set('cookie', init.cookie);
      const method = init.method ?? 'GET';
      // Concatenated, not `new URL(path, origin)`: `//dashboard` must stay a path, not become a host.
      const request = new Request(app.origin + path, { method, headers, ...(init.body === undefined ? {} : { body: init.body }) });
      const response = await app.fetch(request);
      if (response.headers.getSetCookie().length > 0 && !cacheableNowhere(response, init.serverAction === true ? harness.capabilities.serverActionCacheControl : undefined)) {
        cacheViolations.push(`${method} ${path} → ${response.status}`);
      }
      return response;
    },
    async advance(seconds) {
      backend.advance(seconds);
      await syncClocks();
    },
    async signIn(options) {
      const session = await backend.issueSession(FIXTURE_USER.email, options);
      return { session, cookie: backend.cookieFor(session) };
    },
    cookieFor: (session) => backend.cookieFor(session),
  };
  return env;
}

/**
 * C18 for one response that sets cookies: `Cache-Control` says `private` and `no-store`, or, on a
 * Server Action response, is exactly the framework's own value (`frameworkValue`, which must say `no-store`).
 */
function cacheableNowhere(response: Response, frameworkValue: string | undefined): boolean {
  const cacheControl = response.headers.get('cache-control') ?? '';
  if (frameworkValue !== undefined && /\bno-store\b/.test(frameworkValue) && cacheControl === frameworkValue) return true;
  return /\bno-store\b/.test(cacheControl) && /\bprivate\b/.test(cacheControl);
}

/** The probe body of a fixture route; fails the test when the response is not one. */
export async function probeOf(response: Response): Promise<Probe> {
  expect(response.status, 'a probe route answers 200').toBe(200);
  const body = (await response.json()) as Probe;
  expect(typeof body.route).toBe('string');
  return body;
}

function redirectTarget(response: Response, origin: string): string {
  const location = response.headers.get('location');
  expect(location, 'a redirect carries Location').not.toBeNull();
  // A browser reads `//x` and `/\x` as another host, whatever a URL parser on the server makes of them.
  expect(location ?? '', 'Location is not protocol-relative').not.toMatch(/^[/\\][/\\]/);
  const url = new URL(location ?? '', origin);
  expect(url.origin, 'redirects stay on the app origin').toBe(origin);
  return url.pathname + url.search;
}

/** Plain http to this machine is the one place the default cookies go without `Secure`. */
function isLoopbackOrigin(origin: string): boolean {
  const { protocol, hostname } = new URL(origin);
  return protocol === 'http:' && (hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127\./.test(hostname));
}
