// Assembles one mock instance: options, clock, keys, store, handler and controls (no sockets).
import { createControllableClock } from './clock.js';
import { createControlRouter } from './control-routes.js';
import { createControls, type MockAuthControls } from './controls.js';
import { FaultInjector } from './faults.js';
import { KeyedMutex } from './keyed-mutex.js';
import { createKeyMaterial, type Jwks } from './keys.js';
import { MockAuthConfigError, resolveOptions, type JwtAlgorithm, type MockAuthOptions } from './options.js';
import { AUTH_PREFIX, createRequestHandler } from './request-handler.js';
import { initialSettings } from './settings.js';
import type { MockAuthState } from './state.js';
import { Store } from './store.js';

/** A mock Supabase Auth server, usable without a socket through `handle` or `fetch`. */
export interface MockAuth {
  /** The Supabase project URL: `createClient(mock.url, mock.anonKey)`. */
  readonly url: string;
  /** The URL apps reach the mock at: `options.publicUrl`, else `url`. */
  readonly publicUrl: string;
  /** The JWT issuer, `${publicUrl}/auth/v1`. */
  readonly issuer: string;
  /** HS256 JWT with role `anon`. */
  readonly anonKey: string;
  /** HS256 JWT with role `service_role` (admin endpoints). */
  readonly serviceRoleKey: string;
  /** `sb_publishable_…` (like the anon key) with `newApiKeys`, else `null`. */
  readonly publishableKey: string | null;
  /** `sb_secret_…` (like the service-role key) with `newApiKeys`, else `null`. */
  readonly secretKey: string | null;
  /** The shared HS256 secret. */
  readonly jwtSecret: string;
  /** The access-token algorithm. */
  readonly jwtAlgorithm: JwtAlgorithm;
  /** The published JWKS (empty with HS256). */
  readonly jwks: Jwks;
  readonly controls: MockAuthControls;
  /** Web-standard handler for GoTrue routes (`/auth/v1/...`) and controls (`/__mock/...`). */
  handle(request: Request): Promise<Response>;
  /**
   * A `fetch` that calls `handle` in-process; a dropped connection rejects like a network error.
   * Pass it as `createClient(url, key, { global: { fetch: mock.fetch } })`.
   */
  readonly fetch: typeof fetch;
}

/** Options of {@link createMockAuth}: the mock options plus the URL it is reachable at. */
export interface CreateMockAuthOptions extends MockAuthOptions {
  /** The project URL (no `/auth/v1`). @default 'http://127.0.0.1:54321' */
  readonly url?: string;
}

/**
 * Creates a mock without listening; `startMockAuth` wraps it in a loopback HTTP server.
 *
 * @example
 * const mock = await createMockAuth({ users: [{ email: 'a@example.com', password: 'password1' }] });
 * const client = createClient(mock.url, mock.anonKey, { global: { fetch: mock.fetch } });
 */
export async function createMockAuth(options: CreateMockAuthOptions = {}): Promise<MockAuth> {
  const { url: rawUrl, ...rest } = options;
  const resolved = resolveOptions(rest);
  const url = (rawUrl ?? 'http://127.0.0.1:54321').replace(/\/+$/, '');
  if (!URL.canParse(url)) throw new MockAuthConfigError('url must be an absolute URL');
  const publicUrl = resolved.publicUrl ?? url;
  const clock = createControllableClock(resolved.realNow);
  const keys = await createKeyMaterial(resolved.jwtAlgorithm, resolved.jwtSecret, clock.now(), { newApiKeys: resolved.newApiKeys });
  const state: MockAuthState = {
    options: resolved,
    settings: initialSettings(resolved),
    store: new Store(),
    keys,
    clock,
    faults: new FaultInjector(),
    refreshLocks: new KeyedMutex(),
    url,
    issuer: `${publicUrl}${AUTH_PREFIX}`,
  };
  const controls = createControls(state);
  const handle = createRequestHandler(state, createControlRouter(controls));
  const mockFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = await handle(new Request(input, init));
    if (response.type === 'error') throw new TypeError('fetch failed: connection dropped by mock-auth fault');
    return response;
  };
  return Object.freeze({
    url,
    publicUrl,
    issuer: state.issuer,
    anonKey: keys.anonKey,
    serviceRoleKey: keys.serviceRoleKey,
    publishableKey: keys.publishableKey,
    secretKey: keys.secretKey,
    jwtSecret: keys.jwtSecret,
    jwtAlgorithm: keys.algorithm,
    jwks: keys.jwks,
    controls,
    handle,
    fetch: mockFetch as typeof fetch,
  });
}
