// The GoTrue mock (@lockstep/mock-auth) behind the Supabase provider, as a contract backend.
import type { LockstepBaseOptions } from '@lockstep/core';
import { DEFAULT_SERVER_CHECK_BUDGET } from '@lockstep/core/verify';
import { startMockAuth, type AccessTokenResponse, type MockEndpoint, type RunningMockAuth } from '@lockstep/mock-auth';
import { createSupabaseLockstep, type SupabaseLockstepOptions } from '@lockstep/supabase';
import { sinkField, sinkHook } from '../event-sink.js';
import { FIXTURE_USER, TOKEN_LIFETIME } from '../fixture.js';
import { readSessionCookie, sessionCookieHeader } from '../session-cookies.js';
import type { AppOverrides, BackendEndpoint, ContractBackend, IssuedSession } from './contract-backend.js';
import { issueShaped } from './gotrue-shaped-session.js';

/** The GoTrue backend; `mock` is there for the Supabase-only scenario groups. */
export interface GotrueContractBackend extends ContractBackend {
  readonly mock: RunningMockAuth;
}

const ENDPOINTS: Record<Exclude<BackendEndpoint, 'keys'>, MockEndpoint> = { refresh: 'token:refresh_token', user: 'user', logout: 'logout' };

/** Creates the backend (started by the suite). */
export function gotrueBackend(): GotrueContractBackend {
  let running: RunningMockAuth | undefined;
  let storageKey = '';
  const mock = (): RunningMockAuth => {
    if (running === undefined) throw new Error('contract suite: the GoTrue mock is used before it started');
    return running;
  };
  const supabaseOptions = (base: LockstepBaseOptions, overrides: AppOverrides): SupabaseLockstepOptions => {
    const { issuer, audience, serverChecksPerMinute, eventSink: _sink, ...engine } = overrides;
    const jwt = { ...(issuer === undefined ? {} : { issuer }), ...(audience === undefined ? {} : { audience }), ...(serverChecksPerMinute === undefined ? {} : { serverChecksPerMinute }) };
    return { supabaseUrl: mock().url, supabaseKey: mock().anonKey, ...base, ...engine, ...(Object.keys(jwt).length === 0 ? {} : { jwt }) };
  };
  const toSession = (raw: AccessTokenResponse): IssuedSession => ({
    accessToken: raw.access_token,
    refreshToken: raw.refresh_token,
    expiresAt: raw.expires_at,
    user: { id: String(raw.user.id), ...(typeof raw.user.email === 'string' ? { email: raw.user.email } : {}) },
    raw: raw as unknown as Record<string, unknown>,
  });

  return {
    name: 'supabase',
    capabilities: { callback: true, userEndpoint: true, supabaseWireFormat: true, signOutEverywhere: true, sessionIdClaim: true },
    get mock() {
      return mock();
    },
    async start() {
      running = await startMockAuth({ users: [FIXTURE_USER], tokenLifetimeSeconds: TOKEN_LIFETIME });
      storageKey = createSupabaseLockstep(supabaseOptions({}, {})).config.storageKey;
    },
    async stop() {
      await running?.stop();
    },
    reset(tokenLifetimeSeconds) {
      mock().controls.reset();
      mock().controls.setTokenLifetime(tokenLifetimeSeconds);
      mock().controls.clock.freeze();
    },
    setup: (base, overrides) => ({ ...supabaseOptions(base, overrides), ...sinkHook(overrides) }),
    portableSetup: (base, overrides) => ({ ...supabaseOptions(base, overrides), ...sinkField(overrides) }),
    effects: {
      fetch: (input, init) => mock().fetch(input, init),
      now: () => mock().controls.clock.now() / 1000,
    },
    get issuer() {
      return `${mock().url}/auth/v1`;
    },
    audience: 'authenticated',
    serverCheckBudget: (overrides) => overrides.serverChecksPerMinute ?? DEFAULT_SERVER_CHECK_BUDGET.perMinute,
    get cookieName() {
      return storageKey;
    },
    refreshCookieLine: (secure) => new RegExp(`^${escape(storageKey)}=base64-[A-Za-z0-9_-]+; Max-Age=\\d+; Path=/; ${secure ? 'Secure; ' : ''}SameSite=Lax$`),
    cookieFor(session) {
      const rawUser = (session.raw.user ?? {}) as Record<string, unknown>;
      const user = session.user === null ? null : { ...rawUser, id: session.user.id, ...(session.user.email === undefined ? {} : { email: session.user.email }) };
      return sessionCookieHeader(storageKey, { ...session.raw, access_token: session.accessToken, refresh_token: session.refreshToken, expires_at: session.expiresAt, user });
    },
    async readSession(cookieHeader) {
      const stored = await readSessionCookie(storageKey, cookieHeader);
      if (stored === null) return null;
      return {
        accessToken: stored.access_token,
        refreshToken: stored.refresh_token,
        expiresAt: stored.expires_at,
        user: stored.user === null ? null : { id: stored.user.id, ...(stored.user.email === undefined ? {} : { email: stored.user.email }) },
        raw: stored as unknown as Record<string, unknown>,
      };
    },
    malformedCookies() {
      const b64 = (text: string): string => Buffer.from(text).toString('base64url');
      return [
        ['bad base64', () => `${storageKey}=base64-%25%25%25%25`],
        ['bad JSON', () => `${storageKey}=base64-${b64('{"access_token":')}`],
        ['an error body', () => `${storageKey}=base64-${b64(JSON.stringify({ error: 'invalid_grant', access_token: 'x', refresh_token: 'y', expires_at: 1 }))}`],
        ['a missing chunk', () => `${storageKey}.0=base64-eyJh; ${storageKey}.2=abc`],
        ['large garbage in chunks', () => Array.from({ length: 4 }, (_, i) => `${storageKey}.${i}=${'A'.repeat(3000)}`).join('; ')],
      ];
    },
    answersUnusedSuccessor: true,
    revokedReason: 'refresh_token_not_found',

    now: () => mock().controls.clock.now(),
    advance: (seconds) => mock().controls.clock.advance(seconds),
    issueSession: async (email, options = {}) => toSession(await issueShaped(mock(), email, options)),
    createUser(email, password) {
      mock().controls.createUser({ email, password });
    },
    async rotate(refreshToken) {
      const response = await mock().fetch(`${mock().url}/auth/v1/token?grant_type=refresh_token`, {
        method: 'POST',
        headers: { apikey: mock().anonKey, 'content-type': 'application/json' },
        body: JSON.stringify({ refresh_token: refreshToken }),
      });
      return ((await response.json()) as { refresh_token: string }).refresh_token;
    },
    revokeUser(email) {
      mock().controls.signOutUser(email);
    },
    liveSessions: (email) => mock().controls.sessions(email).length,
    calls(endpoint) {
      if (endpoint === 'all') return Object.values(mock().controls.calls()).reduce((sum, count) => sum + (count ?? 0), 0);
      return mock().controls.calls(endpoint === 'keys' ? 'jwks' : ENDPOINTS[endpoint]);
    },
    resetCounters: () => mock().controls.resetCounters(),
    fail(endpoint, fault, options) {
      mock().controls.fail(endpoint === '*' ? '*' : ENDPOINTS[endpoint], fault, options);
    },
  };
}

/** Whether a backend is the GoTrue one (the Supabase-only groups need its mock). */
export function isGotrueBackend(backend: ContractBackend): backend is GotrueContractBackend {
  return backend.capabilities.supabaseWireFormat && 'mock' in backend;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}
