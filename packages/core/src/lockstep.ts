// createLockstep: options resolved once, collaborators built once, and one `handle(request)` per request.
import { resolveCookieAttributes, resolveCookieOptions, prefixStorageKey } from './cookies/cookie-attributes.js';
import { createCookiePlan } from './cookies/cookie-write.js';
import { parseRequestCookies } from './cookies/request-cookies.js';
import { decideOutcome, type ResponsePolicyOptions } from './decide-outcome.js';
import { emit } from './events.js';
import { DEFAULTS, boundedNumber, parseSupabaseUrl, requireString, type LockstepOptions } from './options.js';
import type { Outcome } from './outcome.js';
import { createRefreshCoordinator } from './refresh/refresh-coordinator.js';
import { createApiMatcher } from './request/api-matcher.js';
import { classifyRequest, type RequestKindHint } from './request/request-kind.js';
import { toRequestRecord, type RequestLike } from './request/request-record.js';
import { createRoutePolicy, type RouteExplanation, type RoutePolicy } from './routes/route-policy.js';
import type { VerifyMode } from './routes/route-rule.js';
import { resolveSession, type SessionEngine } from './session/resolve-session.js';
import type { AuthState } from './session/session.js';
import type { SessionProvider } from './session/session-provider.js';
import type { GoTrueContext } from './supabase/gotrue-request.js';
import { supabaseStorageKey } from './supabase/storage-key.js';
import { createSupabaseProvider } from './supabase/supabase-provider.js';
import { createClaimsVerifier } from './verify/claims-verifier.js';

/** Effects the core never performs on its own: tests and unusual runtimes inject them. */
export interface LockstepEffects {
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** The current time in Unix seconds; read once per request. @default Date.now() / 1000 */
  readonly now?: () => number;
}

/** One configured Lockstep: create it once per app (it holds the caches) and call it per request. */
export interface Lockstep {
  /**
   * The middleware entry: decides the request and returns the one outcome the adapter renders.
   * Never throws for anything a request can contain.
   */
  handle(request: RequestLike, hint?: RequestKindHint): Promise<Outcome>;
  /**
   * The server-side guard (DESIGN §3.9): re-checks the session in the request's cookies (as the
   * middleware forwarded them) in the given mode. Never refreshes and never writes cookies, so it is
   * safe where cookies cannot be set (e.g. a Server Component); an expired session is anonymous.
   */
  verifyRequest(request: RequestLike, mode?: VerifyMode): Promise<AuthState>;
  /** Which route rule decides a path, and why: for debugging configuration. */
  explain(path: string): RouteExplanation;
  /** The resolved settings adapters need. */
  readonly config: LockstepConfig;
}

/** Resolved settings an adapter may read (no secrets). */
export interface LockstepConfig {
  readonly supabaseUrl: string;
  readonly supabaseKey: string;
  readonly authUrl: string;
  readonly storageKey: string;
  readonly loginPath: string;
  readonly callbackPath: string;
  readonly afterSignInPath: string;
  readonly returnToParam: string;
}

/**
 * Creates a Lockstep instance. Misconfiguration throws a `LockstepError` with an `ERR_CONFIG_*`
 * code here, at boot, not on a user's request.
 *
 * @example
 * const lockstep = createLockstep({
 *   supabaseUrl: process.env.SUPABASE_URL!,
 *   supabaseKey: process.env.SUPABASE_ANON_KEY!,
 *   routes: [
 *     { match: ['/', '/api/health'], access: 'public' },
 *     { match: '/admin/**', access: 'protected', verify: 'user' },
 *   ],
 * });
 * const outcome = await lockstep.handle(request);
 */
export function createLockstep(options: LockstepOptions, effects: LockstepEffects = {}): Lockstep {
  const supabaseUrl = parseSupabaseUrl(options.supabaseUrl);
  const supabaseKey = requireString(options.supabaseKey, 'supabaseKey');
  const fetchImpl = effects.fetch ?? globalThis.fetch.bind(globalThis);
  const clock = effects.now ?? (() => Date.now() / 1000);
  const trailingSlash = options.trailingSlash ?? DEFAULTS.trailingSlash;
  const basePath = options.basePath ?? DEFAULTS.basePath;
  const loginPath = options.loginPath ?? DEFAULTS.loginPath;
  const callbackPath = options.callbackPath ?? DEFAULTS.callbackPath;
  const afterSignInPath = options.afterSignInPath ?? DEFAULTS.afterSignInPath;
  const returnToParam = requireString(options.returnToParam ?? DEFAULTS.returnToParam, 'returnToParam');
  const routes = createRoutePolicy({
    rules: options.routes ?? [],
    defaultVerify: options.verify ?? DEFAULTS.verify,
    loginPath,
    basePath,
    trailingSlash,
    implicitPublic: [callbackPath],
  });
  const isApi = createApiMatcher(options.apiRoutes ?? DEFAULTS.apiRoutes, trailingSlash);
  const cookieOptions = resolveCookieOptions(options.cookies === undefined ? undefined : withoutStorageFields(options.cookies));
  const storageKey = prefixStorageKey(options.cookies?.name ?? supabaseStorageKey(supabaseUrl), cookieOptions);
  const authUrl = new URL('auth/v1', supabaseUrl.href.endsWith('/') ? supabaseUrl : `${supabaseUrl.href}/`).href;
  const timeoutMs = boundedNumber(options.authTimeoutMs, DEFAULTS.authTimeoutMs, 'authTimeoutMs', 1, 30_000);
  const gotrue: GoTrueContext = { authUrl, apiKey: supabaseKey, fetch: fetchImpl, timeoutMs };
  const verifier = createClaimsVerifier({
    jwksUrl: new URL(`${authUrl}/.well-known/jwks.json`),
    issuer: options.jwt?.issuer ?? authUrl,
    audience: options.jwt?.audience ?? DEFAULTS.audience,
    ...(options.jwt?.secret === undefined ? {} : { hs256Secret: options.jwt.secret }),
    fetch: fetchImpl,
    timeoutMs,
  });
  const provider: SessionProvider = createSupabaseProvider({ gotrue, storageKey, encoding: options.cookies?.encoding ?? DEFAULTS.encoding, verifier });
  const engine: SessionEngine = {
    provider,
    coordinator: createRefreshCoordinator({
      ...(options.refreshStore === undefined ? {} : { store: options.refreshStore }),
      successorTtlSeconds: options.successorTtlSeconds ?? DEFAULTS.successorTtlSeconds,
    }),
    refreshMarginSeconds: boundedNumber(options.refreshMarginSeconds, DEFAULTS.refreshMarginSeconds, 'refreshMarginSeconds', 0, 3600),
    ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
  };
  const responsePolicy: ResponsePolicyOptions = {
    login: { loginPath: basePath + loginPath, returnToParam },
    afterSignInPath: basePath + afterSignInPath,
    isAuthPage: (path) => isAuthPage(routes, path),
  };
  const config: LockstepConfig = Object.freeze({
    supabaseUrl: supabaseUrl.href.replace(/\/$/, ''),
    supabaseKey,
    authUrl,
    storageKey,
    loginPath: basePath + loginPath,
    callbackPath: basePath + callbackPath,
    afterSignInPath: basePath + afterSignInPath,
    returnToParam,
  });

  async function handle(input: RequestLike, hint?: RequestKindHint): Promise<Outcome> {
    const now = Math.floor(clock());
    const request = toRequestRecord(input);
    const cookies = parseRequestCookies(request.headers.get('cookie'));
    const route = routes.resolve(request.url.pathname);
    const unchanged = createCookiePlan(cookies, []);
    if (route.kind === 'malformed') {
      emit(options.onEvent, { type: 'route.malformed', reason: route.reason });
      return decideOutcome({ request, route, kind: 'document', auth: { kind: 'anonymous', reason: 'not_checked' }, cookies: unchanged }, responsePolicy);
    }
    const match = route.route;
    const kind = classifyRequest(request.headers, isApi(match.canonicalPath), hint);
    if (!match.session) {
      return decideOutcome({ request, route, kind, auth: { kind: 'anonymous', reason: 'not_checked' }, cookies: unchanged }, responsePolicy);
    }
    const { auth, write } = await resolveSession(engine, cookies, match.verify, now);
    const writes =
      write.kind === 'keep' ? [] : provider.planWrite(cookies, write.kind === 'write' ? write.session : null, resolveCookieAttributes(cookieOptions, request.url), now);
    const outcome = decideOutcome({ request, route, kind, auth, cookies: createCookiePlan(cookies, writes) }, responsePolicy);
    if (outcome.kind !== 'continue' && match.access === 'protected') {
      emit(options.onEvent, {
        type: 'route.denied',
        path: match.canonicalPath,
        access: match.access,
        requestKind: kind,
        response: outcome.kind === 'redirect' ? 'redirect' : outcome.status === 503 ? 'unavailable' : 'unauthorized',
      });
    }
    return outcome;
  }

  async function verifyRequest(input: RequestLike, mode: VerifyMode = options.verify ?? DEFAULTS.verify): Promise<AuthState> {
    const now = Math.floor(clock());
    const request = toRequestRecord(input);
    const read = await provider.readSession(parseRequestCookies(request.headers.get('cookie')), now);
    if (read.kind === 'none') return { kind: 'anonymous', reason: 'no_session' };
    if (read.kind === 'malformed') return { kind: 'anonymous', reason: 'malformed_cookie' };
    const exp = Math.min(read.session.expiresAt, provider.tokenTiming(read.session.accessToken)?.exp ?? Infinity);
    // Refreshing here would spend the token without a way to hand the browser its successor.
    if (exp <= now) return { kind: 'anonymous', reason: 'session_expired' };
    const check = await provider.check(read.session, { kind: 'cookie', mode }, now);
    if (check.kind === 'valid') return { kind: 'authenticated', session: read.session, user: check.user, claims: check.claims, verifiedBy: mode, refreshed: false };
    return check.kind === 'rejected' ? { kind: 'anonymous', reason: check.reason } : { kind: 'unavailable', cause: check.cause };
  }

  return Object.freeze({ handle, verifyRequest, explain: (path: string) => routes.explain(path), config });
}

function isAuthPage(routes: RoutePolicy, path: string): boolean {
  const decision = routes.resolve(path);
  return decision.kind === 'matched' && decision.route.access === 'authPage';
}

function withoutStorageFields(cookies: NonNullable<LockstepOptions['cookies']>): Omit<NonNullable<LockstepOptions['cookies']>, 'name' | 'encoding'> {
  const { name: _name, encoding: _encoding, ...attributes } = cookies;
  return attributes;
}
