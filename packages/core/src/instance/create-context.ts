// Resolves LockstepOptions once into the context every operation uses; misconfiguration throws here, at boot.
import { resolveCookieAttributes, resolveCookieOptions } from '../cookies/cookie-attributes.js';
import { LockstepError } from '../errors.js';
import { emit } from '../events.js';
import { DEFAULTS, boundedNumber, requireString, type LockstepOptions } from '../options.js';
import { createRefreshCoordinator } from '../refresh/refresh-coordinator.js';
import { createApiMatcher } from '../request/api-matcher.js';
import { createRoutePolicy, type RoutePolicy } from '../routes/route-policy.js';
import type { Session } from '../session/session.js';
import type { ProviderEnvironment, SessionProvider } from '../session/session-provider.js';
import { checkedProvider } from '../session/checked-provider.js';
import { createRevocation } from '../revocation/revocation.js';
import { resolveRevocationOptions } from '../revocation/revocation-options.js';
import { revokingProvider } from '../revocation/revoking-provider.js';
import type { LockstepContext } from './lockstep-context.js';
import { publicOrigin } from '../request/public-url.js';
import type { RequestRecord } from '../request/request-record.js';
import { crossSiteVerdict } from '../request/same-origin.js';
import { validateOptions } from './validate-options.js';
import { resolveDebug } from '../trace/resolve-debug.js';
import { defaultRoles } from '../assurance/default-roles.js';
import { resolveRequirementPages } from '../assurance/requirement-pages.js';
import { nativeSha256, nativeTokenHash } from '../util/native-sha256.js';
import { checkedTokenHasher, createTokenHasher, hashTokenSync, type Sha256, type TokenHasher } from '../util/token-hash.js';

/** Effects the core never performs on its own: tests and unusual runtimes inject them. */
export interface LockstepEffects {
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** The current time in Unix seconds; read once per request. @default Date.now() / 1000 */
  readonly now?: () => number;
  /**
   * A synchronous SHA-256 for the verified-token cache keys, when the runtime has a faster one than
   * the built-in pure-JS hash (checked against known answers at boot), e.g.
   * `(bytes) => createHash('sha256').update(bytes).digest()`.
   * @default `node:crypto`'s where the runtime has `process.getBuiltinModule` (Node 22.3+, Bun, Deno), else the built-in `@noble/hashes` SHA-256
   */
  readonly sha256?: Sha256;
}

/** Builds the context; the caller's options object is read, never kept or changed. */
export function createContext(options: LockstepOptions, effects: LockstepEffects): LockstepContext {
  if (typeof options !== 'object' || options === null) throw new LockstepError('ERR_CONFIG_INVALID', 'createLockstep needs an options object.');
  validateOptions(options);
  const clock = effects.now ?? (() => Date.now() / 1000);
  const cookieOptions = resolveCookieOptions(options.cookies);
  // A wrong hash would merge every token into one cache entry: refused at boot, whatever the provider does with it.
  const native = effects.sha256 === undefined ? runtimeTokenHasher() : undefined;
  const hashToken = effects.sha256 !== undefined ? createTokenHasher(effects.sha256) : (native ?? hashTokenSync);
  const sha256 = effects.sha256 ?? selfTested(nativeSha256());
  const env: ProviderEnvironment = Object.freeze({
    fetch: effects.fetch ?? globalThis.fetch.bind(globalThis),
    timeoutMs: boundedNumber(options.authTimeoutMs, DEFAULTS.authTimeoutMs, 'authTimeoutMs', 1, 30_000),
    cookies: cookieOptions,
    ...(sha256 === undefined ? {} : { sha256 }),
    hashToken,
    // An injected effect is the runtime's faster hash by contract; the pure-JS fallback is not.
    nativeHash: effects.sha256 !== undefined || native !== undefined,
  });
  const trailingSlash = options.trailingSlash ?? DEFAULTS.trailingSlash;
  const basePath = options.basePath ?? DEFAULTS.basePath;
  const loginPath = options.loginPath ?? DEFAULTS.loginPath;
  const callbackPath = options.callbackPath ?? DEFAULTS.callbackPath;
  const returnToParam = requireString(options.returnToParam ?? DEFAULTS.returnToParam, 'returnToParam');
  const defaultVerify = options.verify ?? DEFAULTS.verify;
  const caseSensitive = options.caseSensitive ?? false;
  const routes = createRoutePolicy({ rules: options.routes ?? [], defaultVerify, loginPath, basePath, trailingSlash, caseSensitive, implicitPublic: [callbackPath] });
  const onEvent = options.onEvent;
  const checked = buildProvider(options, env);
  // Marks are verified by the provider without the revocation check: a revoked session can still be revoked wider.
  const revocation = createRevocation(resolveRevocationOptions(options.revocation), checked, clock, onEvent);
  const provider = revokingProvider(checked, revocation);
  const trustProxy = resolveTrustProxy(options.trustProxy);
  const allowedOrigins = resolveAllowedOrigins(options.allowedOrigins);
  return Object.freeze({
    config: Object.freeze({
      authUrl: provider.authUrl,
      storageKey: provider.cookieName,
      loginPath: basePath + loginPath,
      callbackPath: basePath + callbackPath,
      afterSignInPath: basePath + (options.afterSignInPath ?? DEFAULTS.afterSignInPath),
      returnToParam,
    }),
    routes,
    isApi: createApiMatcher(options.apiRoutes ?? DEFAULTS.apiRoutes, trailingSlash),
    bearer: resolveBearerOption(options.bearer),
    defaultVerify,
    provider,
    engine: {
      provider,
      coordinator: createRefreshCoordinator({
        ...(options.refreshStore === undefined ? {} : { store: options.refreshStore }),
        successorTtlSeconds: options.successorTtlSeconds ?? DEFAULTS.successorTtlSeconds,
        // A caller waits for another instance's refresh about as long as that refresh may take.
        maxWaitSeconds: Math.min(10, env.timeoutMs / 1000 + 1),
        clock,
        onStoreError: (error) => emit(onEvent, { type: 'refresh.store_unavailable', ...errorCode(error) }),
      }),
      onRefreshRefused: (session: Session, now: number) => revocation.markRefused(session, now),
      refreshMarginSeconds: boundedNumber(options.refreshMarginSeconds, DEFAULTS.refreshMarginSeconds, 'refreshMarginSeconds', 0, 3600),
      ...(onEvent === undefined ? {} : { onEvent }),
    },
    responsePolicy: {
      login: { loginPath: basePath + loginPath, returnToParam },
      afterSignInPath: basePath + (options.afterSignInPath ?? DEFAULTS.afterSignInPath),
      isAuthPage: (path: string) => isAuthPage(routes, path),
      requirementPages: resolveRequirementPages(options, basePath, returnToParam, routes),
      assurance: {
        rolesOf: options.rolesFrom ?? defaultRoles,
        hasVerifiedFactor: provider.hasVerifiedFactor === undefined ? undefined : provider.hasVerifiedFactor.bind(provider),
      },
    },
    cookieAttributes: (requestUrl: URL) => resolveCookieAttributes(cookieOptions, requestUrl),
    publicUrl: (request: RequestRecord) => publicOrigin(request, trustProxy),
    crossSite: (request: RequestRecord) => crossSiteVerdict(request.headers, publicOrigin(request, trustProxy).host, allowedOrigins),
    now: () => Math.floor(clock()),
    revocation,
    onEvent,
    debug: resolveDebug(options.debug, onEvent),
  });
}

/** The runtime's one-call hash of text when it has one that passes the self-test. */
function runtimeTokenHasher(): TokenHasher | undefined {
  const native = nativeTokenHash();
  if (native === undefined) return undefined;
  try {
    return checkedTokenHasher(native, 'node:crypto');
  } catch {
    return undefined;
  }
}

/** The runtime's hash when it passes the known answers; otherwise none (the built-in one serves). */
function selfTested(sha256: Sha256 | undefined): Sha256 | undefined {
  if (sha256 === undefined) return undefined;
  try {
    createTokenHasher(sha256);
    return sha256;
  } catch {
    return undefined;
  }
}

function buildProvider(options: LockstepOptions, env: ProviderEnvironment): SessionProvider {
  if (typeof options.provider !== 'function') {
    throw new LockstepError('ERR_CONFIG_INVALID', 'provider must be a function that builds the provider, e.g. supabase({ supabaseUrl, supabaseKey }) from @lockstep/supabase.');
  }
  const provider: unknown = options.provider(env);
  if (typeof provider !== 'object' || provider === null || typeof (provider as Partial<SessionProvider>).readSession !== 'function') {
    throw new LockstepError('ERR_CONFIG_INVALID', 'provider must return a SessionProvider (readSession, planWrite, refresh, check, peekToken).');
  }
  return checkedProvider(provider as SessionProvider);
}

/** Only a stable code leaves an error: messages of store clients may quote their arguments (token hashes, sessions). */
function errorCode(error: unknown): { code?: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? { code } : {};
}

function isAuthPage(routes: RoutePolicy, path: string): boolean {
  const decision = routes.resolve(path);
  return decision.kind === 'matched' && decision.route.access === 'authPage';
}

function resolveBearerOption(value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value !== 'boolean') throw new LockstepError('ERR_CONFIG_INVALID', 'bearer must be a boolean.');
  return value;
}

function resolveTrustProxy(value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new LockstepError('ERR_CONFIG_INVALID', 'trustProxy must be a boolean.');
  return value;
}

/** Each entry must be a bare origin (`https://host[:port]`), written as browsers send it in `Origin`. */
function resolveAllowedOrigins(value: unknown): ReadonlySet<string> {
  if (value === undefined) return new Set();
  if (!Array.isArray(value)) throw new LockstepError('ERR_CONFIG_INVALID', 'allowedOrigins must be an array of origins such as "https://www.example.com".');
  for (const entry of value) {
    let origin: string | null = null;
    try {
      origin = typeof entry === 'string' ? new URL(entry).origin : null;
    } catch {
      origin = null;
    }
    if (origin === null || origin === 'null' || origin !== entry) {
      throw new LockstepError('ERR_CONFIG_INVALID', `allowedOrigins entries must be origins such as "https://www.example.com" (scheme and host, no path or trailing slash); got ${JSON.stringify(String(entry)).slice(0, 80)}.`);
    }
  }
  return new Set(value as string[]);
}
