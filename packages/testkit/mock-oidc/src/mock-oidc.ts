// The mock OpenID Connect provider in-process: one `handle(Request)` for its endpoints, an in-process `fetch`, controls.
import { authorize } from './authorize-endpoint.js';
import { readForm } from './client-auth.js';
import type { MockOidcClock, MockOidcControls } from './controls.js';
import { discoveryDocument, OIDC_PATHS } from './discovery.js';
import { endSession } from './end-session-endpoint.js';
import { answerFault, FaultTable, type OidcEndpoint } from './faults.js';
import { GrantStore, type OidcUser } from './grants.js';
import type { MockContext, MutableSettings, RegisteredClient } from './mock-context.js';
import { MOCK_OIDC_DEFAULTS, type MockOidcOptions } from './options.js';
import { revoke } from './revocation-endpoint.js';
import { createSigner, type Jwks } from './signing.js';
import { tokenAnswer } from './token-answer.js';
import { token } from './token-endpoint.js';
import { userinfo } from './userinfo-endpoint.js';

/** One mock provider. */
export interface MockOidc {
  /** The origin the mock answers. */
  readonly url: string;
  /** `url` plus `issuerPath`: what `iss` says and where discovery lives. */
  readonly issuer: string;
  readonly clientId: string;
  /** A test value, never a real secret; `null` for a public client. */
  readonly clientSecret: string | null;
  readonly redirectUris: readonly string[];
  /** The published key set, as `/jwks` serves it now. */
  jwks(): Jwks;
  readonly handle: (request: Request) => Promise<Response>;
  /** A `fetch` that answers this mock's URLs in-process (others go to the network); a `drop` fault rejects it. */
  readonly fetch: typeof fetch;
  readonly clock: MockOidcClock;
  readonly controls: MockOidcControls;
}

/**
 * Creates the mock. Endpoints under the issuer: discovery, `/jwks` (RS256), `/authorize`,
 * `/token` (authorization_code + PKCE S256, refresh_token with rotation), `/userinfo`, `/logout`
 * (RP-initiated logout), `/revoke` (RFC 7009). Errors are OAuth JSON (`{ error, error_description }`).
 *
 * @example
 * const oidc = await createMockOidc({ users: [{ email: 'ada@example.com' }] });
 * const metadata = await (await oidc.fetch(`${oidc.issuer}/.well-known/openid-configuration`)).json();
 */
export async function createMockOidc(options: MockOidcOptions = {}): Promise<MockOidc> {
  const url = (options.url ?? MOCK_OIDC_DEFAULTS.url).replace(/\/$/, '');
  const issuer = url + (options.issuerPath ?? MOCK_OIDC_DEFAULTS.issuerPath).replace(/\/$/, '');
  const client: RegisteredClient = Object.freeze({
    clientId: options.client?.clientId ?? MOCK_OIDC_DEFAULTS.clientId,
    clientSecret: options.client?.clientSecret ?? null,
    redirectUris: Object.freeze([...(options.client?.redirectUris ?? MOCK_OIDC_DEFAULTS.redirectUris)]),
    postLogoutRedirectUris: Object.freeze([...(options.client?.postLogoutRedirectUris ?? MOCK_OIDC_DEFAULTS.postLogoutRedirectUris)]),
  });
  const store = new GrantStore(options.reuseIntervalSeconds ?? MOCK_OIDC_DEFAULTS.reuseIntervalSeconds);
  const users = new Map<string, OidcUser>();
  for (const seed of options.users ?? []) {
    const user = store.addUser(seed.email, seed.name);
    users.set(user.id, user);
  }
  const settings: MutableSettings = {
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? MOCK_OIDC_DEFAULTS.accessTokenTtlSeconds,
    idTokenTtlSeconds: options.idTokenTtlSeconds ?? MOCK_OIDC_DEFAULTS.idTokenTtlSeconds,
    codeTtlSeconds: options.codeTtlSeconds ?? MOCK_OIDC_DEFAULTS.codeTtlSeconds,
    accessTokenAudience: options.accessTokenAudience ?? client.clientId,
    loginUser: users.values().next().value ?? null,
    lastAuthorizeRequest: null,
  };
  const base = options.now ?? ((start: number) => () => start)(options.startTime ?? Date.now());
  let offsetMs = 0;
  const clock: MockOidcClock = {
    now: () => base() + offsetMs,
    nowSeconds: () => Math.floor((base() + offsetMs) / 1000),
    advance(seconds) {
      if (!Number.isFinite(seconds)) throw new TypeError('clock.advance needs a finite number of seconds');
      offsetMs += seconds * 1000;
    },
  };
  const signer = await createSigner();
  const ctx: MockContext = { issuer, client, store, signer, settings, nowSeconds: clock.nowSeconds };
  const faults = new FaultTable();
  // Which refresh-token family each access token belongs to: it dies with the family.
  const jtiFamilies = new Map<string, string>();
  const findUser = (id: string): OidcUser | undefined => users.get(id);

  async function route(request: Request, path: string): Promise<{ endpoint: OidcEndpoint; run: () => Promise<Response> } | null> {
    const method = request.method;
    switch (path) {
      case OIDC_PATHS.discovery:
        return method === 'GET' ? { endpoint: 'discovery', run: () => Promise.resolve(Response.json(discoveryDocument(issuer))) } : null;
      case OIDC_PATHS.jwks:
        return method === 'GET' ? { endpoint: 'jwks', run: () => Promise.resolve(Response.json(signer.jwks())) } : null;
      case OIDC_PATHS.authorize:
        return method === 'GET' ? { endpoint: 'authorize', run: () => Promise.resolve(authorize(ctx, request)) } : null;
      case OIDC_PATHS.userinfo:
        return { endpoint: 'userinfo', run: () => userinfo(ctx, request, jtiFamilies, findUser) };
      case OIDC_PATHS.endSession:
        return { endpoint: 'end_session', run: () => endSession(ctx, request) };
      case OIDC_PATHS.revocation: {
        const form = await readForm(request);
        return { endpoint: 'revocation', run: () => (form instanceof Response ? Promise.resolve(form) : revoke(ctx, request, form)) };
      }
      case OIDC_PATHS.token: {
        const form = await readForm(request);
        const grant = form instanceof Response ? null : form.get('grant_type');
        const endpoint: OidcEndpoint = grant === 'authorization_code' || grant === 'refresh_token' ? `token:${grant}` : 'token:other';
        return { endpoint, run: () => (form instanceof Response ? Promise.resolve(form) : token(ctx, request, form, jtiFamilies)) };
      }
      default:
        return null;
    }
  }

  async function handle(request: Request): Promise<Response> {
    const pathname = new URL(request.url).pathname;
    const issuerPath = new URL(issuer).pathname.replace(/\/$/, '');
    const found = pathname.startsWith(issuerPath) ? await route(request, pathname.slice(issuerPath.length)) : null;
    if (found === null) return Response.json({ error: 'not_found' }, { status: 404 });
    const fault = faults.onCall(found.endpoint);
    return fault === null ? found.run() : answerFault(fault, request.signal);
  }

  const inProcessFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (!request.url.startsWith(`${url}/`)) return fetch(request);
    const response = await handle(request);
    if (response.type === 'error') throw new TypeError('fetch failed (connection dropped by the mock OIDC provider)');
    return response;
  };

  const controls: MockOidcControls = {
    calls: (endpoint) => faults.count(endpoint),
    refreshCalls: () => faults.count('token:refresh_token'),
    resetCounters: () => faults.resetCounts(),
    fail: (endpoint, fault, failOptions) => faults.fail(endpoint, fault, failOptions),
    clearFaults: () => faults.clear(),
    addUser(email, name) {
      const user = store.addUser(email, name);
      users.set(user.id, user);
      return user;
    },
    signInAs(email) {
      const user = email === null ? null : store.userByEmail(email);
      if (user === undefined) throw new Error(`no such user: ${email}`);
      settings.loginUser = user;
      return user;
    },
    issueTokens(email, issueOptions = {}) {
      const user = store.userByEmail(email);
      if (user === undefined) throw new Error(`no such user: ${email}`);
      const grant = store.startFamily(user, store.startSession(user), client.clientId, 'openid profile email offline_access');
      return tokenAnswer(ctx, grant, issueOptions.nonce ?? null, jtiFamilies);
    },
    revokeUser(email) {
      const user = store.userByEmail(email);
      if (user !== undefined) store.endUserSessions(user.id);
    },
    refreshTokenState: (refreshToken) => store.refreshTokenState(refreshToken),
    lastAuthorizeRequest: () => (settings.lastAuthorizeRequest === null ? null : new URLSearchParams(settings.lastAuthorizeRequest)),
    setAccessTokenTtl(seconds) {
      settings.accessTokenTtlSeconds = seconds;
    },
    setReuseInterval(seconds) {
      store.reuseIntervalSeconds = seconds;
    },
    rotateSigningKey: (rotateOptions) => signer.rotate(rotateOptions),
  };

  return Object.freeze({
    url,
    issuer,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    redirectUris: client.redirectUris,
    jwks: () => signer.jwks(),
    handle,
    fetch: inProcessFetch as typeof fetch,
    clock,
    controls,
  });
}
