// The fake token backend (@lockstep/mock-token-backend) behind `createTokenBackendProvider`, as a contract backend.
import type { LockstepBaseOptions } from '@lockstep/core';
import { DEFAULT_SERVER_CHECK_BUDGET } from '@lockstep/core/verify';
import { startMockTokenBackend, type RunningMockTokenBackend, type TokenBackendEndpoint, type TokenResponse } from '@lockstep/mock-token-backend';
import { createTokenBackendProvider, type TokenBackendOptions } from '@lockstep/token-backend';
import { sinkField, sinkHook } from '../event-sink.js';
import { FIXTURE_USER, TOKEN_LIFETIME } from '../fixture.js';
import type { AppOverrides, BackendEndpoint, ContractBackend, IssuedSession } from './contract-backend.js';
import { readTokenCookieHeader, tokenCookieHeader } from './token-cookie-codec.js';

const COOKIE_NAME = 'lockstep-session';
const ENDPOINTS: Record<Exclude<BackendEndpoint, 'keys'>, TokenBackendEndpoint> = { refresh: 'refresh', user: 'me', logout: 'logout' };
const ALL_ENDPOINTS: readonly TokenBackendEndpoint[] = ['login', 'refresh', 'logout', 'me', 'api', 'jwks'];

/** Creates the backend (started by the suite): the provider verifies with the fake's key set and asks `/me` in `user` mode. */
export function tokenBackend(): ContractBackend {
  let running: RunningMockTokenBackend | undefined;
  const fake = (): RunningMockTokenBackend => {
    if (running === undefined) throw new Error('contract suite: the fake token backend is used before it started');
    return running;
  };
  const providerOptions = (overrides: AppOverrides) => {
    const url = fake().url;
    return {
      loginUrl: `${url}/login`,
      refreshUrl: `${url}/token`,
      logoutUrl: `${url}/logout`,
      userUrl: `${url}/me`,
      cookieName: COOKIE_NAME,
      jwt: { jwksUrl: fake().jwksUrl, issuer: overrides.issuer ?? fake().issuer, audience: overrides.audience ?? fake().audience },
    } satisfies TokenBackendOptions;
  };
  // The token backend's budget for unverifiable tokens is the core's default; it has no setting for it.
  const engineOptions = (base: LockstepBaseOptions, { authTimeoutMs, caseSensitive }: AppOverrides): LockstepBaseOptions => ({
    ...base,
    ...(authTimeoutMs === undefined ? {} : { authTimeoutMs }),
    ...(caseSensitive === undefined ? {} : { caseSensitive }),
  });
  const toSession = (answer: TokenResponse): IssuedSession => ({
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token,
    expiresAt: Math.floor(fake().clock.now() / 1000) + answer.expires_in,
    user: { id: answer.user.id, email: answer.user.email },
    raw: answer as unknown as Record<string, unknown>,
  });

  return {
    name: 'token-backend',
    capabilities: { callback: false, userEndpoint: true, supabaseWireFormat: false, signOutEverywhere: true, sessionIdClaim: false },
    async start() {
      running = await startMockTokenBackend({ users: [FIXTURE_USER], accessTokenTtl: TOKEN_LIFETIME });
    },
    async stop() {
      await running?.stop();
    },
    reset(tokenLifetimeSeconds) {
      fake().controls.reset();
      fake().controls.setAccessTokenTtl(tokenLifetimeSeconds);
    },
    setup: (base, overrides) => ({ ...engineOptions(base, overrides), ...sinkHook(overrides), provider: createTokenBackendProvider(providerOptions(overrides)) }),
    portableSetup: (base, overrides) => ({ ...engineOptions(base, overrides), ...sinkField(overrides), tokenBackend: providerOptions(overrides) }),
    effects: {
      fetch: (input, init) => fake().fetch(input, init),
      now: () => fake().clock.now() / 1000,
    },
    get issuer() {
      return fake().issuer;
    },
    get audience() {
      return fake().audience;
    },
    serverCheckBudget: () => DEFAULT_SERVER_CHECK_BUDGET.perMinute,
    cookieName: COOKIE_NAME,
    refreshCookieLine: (secure) => new RegExp(`^${COOKIE_NAME}=v1\\.[A-Za-z0-9_-]+; Max-Age=\\d+; Path=/; HttpOnly; ${secure ? 'Secure; ' : ''}SameSite=Lax$`),
    cookieFor: (session) => tokenCookieHeader(COOKIE_NAME, session),
    readSession: (cookieHeader) => Promise.resolve(readTokenCookieHeader(COOKIE_NAME, cookieHeader)),
    malformedCookies() {
      const b64 = (text: string): string => Buffer.from(text).toString('base64url');
      return [
        ['bad base64', () => `${COOKIE_NAME}=v1.%25%25%25not-base64`],
        ['bad JSON', () => `${COOKIE_NAME}=v1.${b64('{"at":')}`],
        ['no version prefix', () => `${COOKIE_NAME}=${b64('{"at":"a","rt":"b","exp":1}')}`],
        ['an error body (wrong shape)', () => `${COOKIE_NAME}=v1.${b64('{"error":"invalid_grant"}')}`],
        ['a missing chunk', () => `${COOKIE_NAME}.0=v1.${b64('{"at":"a"')}; ${COOKIE_NAME}.2=x`],
        // Nine chunks (the provider reads at most eight), small enough that an HTTP server takes the header (Node: 16 KB).
        ['more chunks than a session has', () => Array.from({ length: 9 }, (_, i) => `${COOKIE_NAME}.${i}=${'A'.repeat(1000)}`).join('; ')],
      ];
    },
    answersUnusedSuccessor: false,
    revokedReason: 'session_not_found',

    now: () => fake().clock.now(),
    advance: (seconds) => fake().clock.advance(seconds),
    issueSession: async (email, options = {}) =>
      toSession(await fake().controls.issueSession(email, { claims: { aal: options.aal2 === true ? 'aal2' : 'aal1', ...(options.appMetadata === undefined ? {} : { app_metadata: options.appMetadata }) } })),
    createUser(email, password) {
      fake().controls.addUser(email, password);
    },
    async rotate(refreshToken) {
      const response = await fake().fetch(`${fake().url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: refreshToken }),
      });
      return ((await response.json()) as { refresh_token: string }).refresh_token;
    },
    revokeUser: (email) => fake().controls.revokeUser(email),
    liveSessions: (email) => fake().controls.liveSessions(email),
    calls(endpoint) {
      if (endpoint === 'all') return ALL_ENDPOINTS.reduce((sum, name) => sum + fake().controls.calls(name), 0);
      return fake().controls.calls(endpoint === 'keys' ? 'jwks' : ENDPOINTS[endpoint]);
    },
    resetCounters: () => fake().controls.resetCounters(),
    fail(endpoint, fault, options) {
      fake().controls.fail(endpoint === '*' ? '*' : ENDPOINTS[endpoint], fault, options);
    },
  };
}
