// The fake token backend in-process: one `handle(Request)` for its endpoints, plus test controls.
import { FaultTable, type TokenBackendEndpoint, type TokenBackendFault } from './faults.js';
import { createSigner, type AccessClaims } from './signing.js';
import { TokenStore, type FakeUser } from './token-store.js';

/** How the fake is set up. Every field is optional. */
export interface MockTokenBackendOptions {
  /** Base URL: the issuer and the origin the in-process `fetch` answers. @default 'http://token-backend.test' */
  readonly url?: string;
  /** @default 'ES256' (keys at /.well-known/jwks.json) */
  readonly algorithm?: 'ES256' | 'HS256';
  /** The HS256 secret. @default a fixed test secret */
  readonly secret?: string;
  /** @default 'lockstep-app' */
  readonly audience?: string;
  /** Access-token lifetime in seconds. @default 3600 */
  readonly accessTokenTtl?: number;
  /** How long a spent refresh token still returns the active one. @default 10 */
  readonly reuseIntervalSeconds?: number;
  /** Users to create. */
  readonly users?: readonly { readonly email: string; readonly password: string }[];
  /** The clock's start, epoch milliseconds; the clock stays frozen and moves with `clock.advance`. @default Date.now() */
  readonly startTime?: number;
}

/** A token answer, as `/login` and `/token` send it. */
export interface TokenResponse {
  readonly access_token: string;
  readonly refresh_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly user: { readonly id: string; readonly email: string };
}

/** Test-only controls. */
export interface MockTokenBackendControls {
  calls(endpoint: TokenBackendEndpoint): number;
  resetCounters(): void;
  fail(endpoint: TokenBackendEndpoint | '*', fault: TokenBackendFault, options?: { readonly times?: number }): void;
  clearFaults(): void;
  addUser(email: string, password: string): FakeUser;
  /**
   * A session as `/login` would issue it, without counting a call. `claims` (e.g. `aal`,
   * `app_metadata`) go into every access token of the session, rotations included.
   */
  issueSession(email: string, options?: { readonly claims?: Readonly<Record<string, unknown>> }): Promise<TokenResponse>;
  /** Ends every session of the user (a logout elsewhere): their refresh tokens are rejected from now on. */
  revokeUser(email: string): void;
  /** Every access token issued so far is refused by `/api/*` and `/me`, though unexpired (a token-level revocation). */
  refuseIssuedAccessTokens(): void;
  /** While on, `/api/*` and `/me` refuse every access token, even ones issued later (an upstream that never accepts). */
  refuseAllAccessTokens(on: boolean): void;
  setAccessTokenTtl(seconds: number): void;
  /** How many sessions of the user are still live (not revoked). */
  liveSessions(email: string): number;
  /** Back to the start: the seed users only (new ids), no sessions, faults, counts or refused tokens, the initial token lifetime. The clock and keys stay. */
  reset(): void;
}

/** The fake's frozen clock. */
export interface MockClock {
  /** Epoch milliseconds. */
  now(): number;
  advance(seconds: number): void;
}

/** One fake backend. */
export interface MockTokenBackend {
  readonly url: string;
  readonly issuer: string;
  readonly audience: string;
  readonly algorithm: 'ES256' | 'HS256';
  /** Only for HS256; a test secret, never a real one. */
  readonly secret: string;
  readonly jwksUrl: string;
  readonly handle: (request: Request) => Promise<Response>;
  /** A `fetch` that answers this fake's URLs in-process (others go to the network). */
  readonly fetch: typeof fetch;
  readonly clock: MockClock;
  readonly controls: MockTokenBackendControls;
}

/** The default HS256 test secret (≥ 32 characters). */
export const TEST_SECRET = 'lockstep-token-backend-test-secret-0123456789';

/**
 * Creates the fake. Endpoints: `POST /login` `{ email, password }`, `POST /token`
 * `{ grant_type: 'refresh_token', refresh_token }` (JSON or form), `POST /logout` (Bearer),
 * `GET /me` (Bearer), `GET /api/data`, `ANY /api/echo` (Bearer), `GET /.well-known/jwks.json`.
 * Errors are OAuth-shaped: `{ error, code, error_description }`.
 *
 * @example
 * const backend = await createMockTokenBackend({ users: [{ email: 'ada@example.com', password: 'pw-ada-1' }] });
 * const answer = await backend.fetch(`${backend.url}/login`, { method: 'POST', body: JSON.stringify({ email, password }) });
 */
export async function createMockTokenBackend(options: MockTokenBackendOptions = {}): Promise<MockTokenBackend> {
  const url = (options.url ?? 'http://token-backend.test').replace(/\/$/, '');
  const audience = options.audience ?? 'lockstep-app';
  const algorithm = options.algorithm ?? 'ES256';
  const secret = options.secret ?? TEST_SECRET;
  const initialTtl = options.accessTokenTtl ?? 3600;
  let accessTokenTtl = initialTtl;
  let clockMs = options.startTime ?? Date.now();
  const nowSeconds = (): number => Math.floor(clockMs / 1000);
  const seededStore = (): TokenStore => {
    const fresh = new TokenStore(options.reuseIntervalSeconds ?? 10);
    for (const user of options.users ?? []) fresh.addUser(user.email, user.password);
    return fresh;
  };
  let store = seededStore();
  const signer = await createSigner({ algorithm, secret, issuer: url, audience });
  const faults = new FaultTable();
  const refusedJtis = new Set<string>();
  const issuedJtis = new Set<string>();
  let refuseAll = false;

  async function tokens(user: FakeUser, sessionId: string, refreshToken: string): Promise<TokenResponse> {
    // Session claims first: the user's own claims always win over anything a test put there.
    const { token, jti } = await signer.sign({ ...store.sessionClaims(sessionId), sub: user.id, sid: sessionId, email: user.email }, nowSeconds(), accessTokenTtl);
    issuedJtis.add(jti);
    return { access_token: token, refresh_token: refreshToken, token_type: 'Bearer', expires_in: accessTokenTtl, user: { id: user.id, email: user.email } };
  }

  async function authenticate(request: Request): Promise<AccessClaims | null> {
    const header = request.headers.get('authorization') ?? '';
    if (!header.startsWith('Bearer ')) return null;
    const claims = await signer.verify(header.slice('Bearer '.length), nowSeconds());
    if (claims === null || refuseAll || refusedJtis.has(claims.jti) || !store.isLive(claims.sid)) return null;
    return claims;
  }

  const routes: Record<string, { endpoint: TokenBackendEndpoint; run: (request: Request, path: string) => Promise<Response> }> = {
    'POST /login': {
      endpoint: 'login',
      async run(request) {
        const body = await readBody(request);
        const user = typeof body?.email === 'string' ? store.userByEmail(body.email) : undefined;
        if (user === undefined || body?.password !== user.password) return oauthError(400, 'invalid_grant', 'invalid_credentials', 'Invalid login credentials');
        const { sessionId, refreshToken } = store.startSession(user, nowSeconds());
        return Response.json(await tokens(user, sessionId, refreshToken));
      },
    },
    'POST /token': {
      endpoint: 'refresh',
      async run(request) {
        const body = await readBody(request);
        if (body?.grant_type !== 'refresh_token' || typeof body.refresh_token !== 'string') return oauthError(400, 'invalid_request', 'invalid_request', 'refresh_token grant expected');
        const result = store.rotate(body.refresh_token, nowSeconds());
        if (result.kind === 'rejected') return oauthError(400, 'invalid_grant', result.code, 'Invalid refresh token');
        return Response.json(await tokens(result.user, result.sessionId, result.refreshToken));
      },
    },
    'POST /logout': {
      endpoint: 'logout',
      async run(request) {
        const claims = await authenticate(request);
        // `{ scope }` as Lockstep's token-backend provider sends it: `global` ends every session of the
        // user, `others` every one but this, anything else (`local`, none) this one.
        const scope = (await readBody(request))?.scope;
        if (claims !== null && scope === 'global') store.revokeUser(claims.sub);
        else if (claims !== null && scope === 'others') store.revokeUser(claims.sub, claims.sid);
        else if (claims !== null) store.revokeSession(claims.sid);
        return new Response(null, { status: 204 });
      },
    },
    'GET /me': {
      endpoint: 'me',
      async run(request) {
        const claims = await authenticate(request);
        return claims === null ? unauthorized() : Response.json({ id: claims.sub, email: claims.email });
      },
    },
    'GET /.well-known/jwks.json': { endpoint: 'jwks', run: () => Promise.resolve(Response.json(signer.jwks)) },
  };

  async function api(request: Request, path: string): Promise<Response> {
    const claims = await authenticate(request);
    if (claims === null) return unauthorized();
    if (path === '/api/data') return Response.json({ data: 'protected', user: { id: claims.sub, email: claims.email } });
    if (path === '/api/echo') {
      // What the proxy forwarded, minus secrets: whether credentials arrived, never their values.
      return Response.json(
        {
          method: request.method,
          path,
          search: new URL(request.url).search,
          hasCookie: request.headers.has('cookie'),
          authorization: (request.headers.get('authorization') ?? '').split(' ')[0],
          contentType: request.headers.get('content-type'),
          body: request.method === 'GET' || request.method === 'HEAD' ? null : await request.text(),
          user: claims.sub,
        },
        { headers: { 'set-cookie': 'upstream=1; Path=/', 'x-upstream': 'yes' } },
      );
    }
    return Response.json({ error: 'not_found' }, { status: 404 });
  }

  async function handle(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    const route = routes[`${request.method} ${path}`];
    const endpoint: TokenBackendEndpoint | null = route?.endpoint ?? (path.startsWith('/api/') ? 'api' : null);
    if (endpoint === null) return Response.json({ error: 'not_found' }, { status: 404 });
    const fault = faults.onCall(endpoint);
    if (fault !== null) {
      switch (fault.kind) {
        case 'status':
          return Response.json({ error: 'server_error' }, { status: fault.status });
        case 'rate-limit':
          return Response.json({ error: 'rate_limited' }, { status: 429, headers: { 'retry-after': '1' } });
        case 'drop':
          return Response.error();
        case 'html':
          return new Response('<html><body>Bad gateway</body></html>', { status: 200, headers: { 'content-type': 'text/html' } });
        case 'delay':
          await sleep(fault.ms, request.signal);
          break;
      }
    }
    return route === undefined ? api(request, path) : route.run(request, path);
  }

  const inProcessFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (!request.url.startsWith(`${url}/`)) return fetch(request);
    const response = await handle(request);
    if (response.type === 'error') throw new TypeError('fetch failed (connection dropped by the fake token backend)');
    return response;
  };

  const controls: MockTokenBackendControls = {
    calls: (endpoint) => faults.count(endpoint),
    resetCounters: () => faults.resetCounts(),
    fail: (endpoint, fault, failOptions) => faults.fail(endpoint, fault, failOptions),
    clearFaults: () => faults.clear(),
    addUser: (email, password) => store.addUser(email, password),
    async issueSession(email, issueOptions) {
      const user = store.userByEmail(email);
      if (user === undefined) throw new Error(`no such user: ${email}`);
      const { sessionId, refreshToken } = store.startSession(user, nowSeconds(), issueOptions?.claims);
      return tokens(user, sessionId, refreshToken);
    },
    revokeUser(email) {
      const user = store.userByEmail(email);
      if (user !== undefined) store.revokeUser(user.id);
    },
    refuseIssuedAccessTokens() {
      for (const jti of issuedJtis) refusedJtis.add(jti);
    },
    refuseAllAccessTokens(on) {
      refuseAll = on;
    },
    setAccessTokenTtl(seconds) {
      accessTokenTtl = seconds;
    },
    liveSessions(email) {
      const user = store.userByEmail(email);
      return user === undefined ? 0 : store.liveSessionCount(user.id);
    },
    reset() {
      store = seededStore();
      faults.clear();
      faults.resetCounts();
      refusedJtis.clear();
      issuedJtis.clear();
      refuseAll = false;
      accessTokenTtl = initialTtl;
    },
  };

  return Object.freeze({
    url,
    issuer: url,
    audience,
    algorithm,
    secret,
    jwksUrl: `${url}/.well-known/jwks.json`,
    handle,
    fetch: inProcessFetch as typeof fetch,
    clock: {
      now: () => clockMs,
      advance(seconds: number) {
        clockMs += seconds * 1000;
      },
    },
    controls,
  });
}

async function readBody(request: Request): Promise<Record<string, unknown> | null> {
  const type = request.headers.get('content-type') ?? '';
  try {
    if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(await request.text()));
    const json: unknown = await request.json();
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  } catch {
    // An unreadable body is treated like a missing one: the endpoint answers 400.
    return null;
  }
}

function oauthError(status: number, error: string, code: string, description: string): Response {
  return Response.json({ error, code, error_description: description }, { status });
}

function unauthorized(): Response {
  return Response.json({ error: 'invalid_token' }, { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    }, { once: true });
  });
}
