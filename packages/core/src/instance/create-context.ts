// Resolves LockstepOptions once into the context every operation uses; misconfiguration throws here, at boot.
import { prefixStorageKey, resolveCookieAttributes, resolveCookieOptions } from '../cookies/cookie-attributes.js';
import type { RoutePolicy } from '../routes/route-policy.js';
import { createRoutePolicy } from '../routes/route-policy.js';
import { DEFAULTS, boundedNumber, parseSupabaseUrl, requireString, type LockstepOptions } from '../options.js';
import { createRefreshCoordinator } from '../refresh/refresh-coordinator.js';
import { createApiMatcher } from '../request/api-matcher.js';
import type { GoTrueContext } from '../supabase/gotrue-request.js';
import { supabaseStorageKey } from '../supabase/storage-key.js';
import { createSupabaseProvider } from '../supabase/supabase-provider.js';
import { createClaimsVerifier } from '../verify/claims-verifier.js';
import type { LockstepContext } from './lockstep-context.js';

/** Effects the core never performs on its own: tests and unusual runtimes inject them. */
export interface LockstepEffects {
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** The current time in Unix seconds; read once per request. @default Date.now() / 1000 */
  readonly now?: () => number;
}

/** Builds the context; the caller's options object is read, never kept or changed. */
export function createContext(options: LockstepOptions, effects: LockstepEffects): LockstepContext {
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
  const defaultVerify = options.verify ?? DEFAULTS.verify;
  const routes = createRoutePolicy({ rules: options.routes ?? [], defaultVerify, loginPath, basePath, trailingSlash, implicitPublic: [callbackPath] });
  const { name: storageName, encoding, ...attributeOptions } = options.cookies ?? {};
  const cookieOptions = resolveCookieOptions(attributeOptions);
  const storageKey = prefixStorageKey(storageName ?? supabaseStorageKey(supabaseUrl), cookieOptions);
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
  const provider = createSupabaseProvider({ gotrue, storageKey, encoding: encoding ?? DEFAULTS.encoding, verifier });
  const onEvent = options.onEvent;
  return Object.freeze({
    config: Object.freeze({
      supabaseUrl: supabaseUrl.href.replace(/\/$/, ''),
      supabaseKey,
      authUrl,
      storageKey,
      loginPath: basePath + loginPath,
      callbackPath: basePath + callbackPath,
      afterSignInPath: basePath + afterSignInPath,
      returnToParam,
    }),
    routes,
    isApi: createApiMatcher(options.apiRoutes ?? DEFAULTS.apiRoutes, trailingSlash),
    defaultVerify,
    provider,
    engine: {
      provider,
      coordinator: createRefreshCoordinator({
        ...(options.refreshStore === undefined ? {} : { store: options.refreshStore }),
        successorTtlSeconds: options.successorTtlSeconds ?? DEFAULTS.successorTtlSeconds,
      }),
      refreshMarginSeconds: boundedNumber(options.refreshMarginSeconds, DEFAULTS.refreshMarginSeconds, 'refreshMarginSeconds', 0, 3600),
      ...(onEvent === undefined ? {} : { onEvent }),
    },
    gotrue,
    responsePolicy: {
      login: { loginPath: basePath + loginPath, returnToParam },
      afterSignInPath: basePath + afterSignInPath,
      isAuthPage: (path: string) => isAuthPage(routes, path),
    },
    cookieAttributes: (requestUrl: URL) => resolveCookieAttributes(cookieOptions, requestUrl),
    now: () => Math.floor(clock()),
    onEvent,
  });
}

function isAuthPage(routes: RoutePolicy, path: string): boolean {
  const decision = routes.resolve(path);
  return decision.kind === 'matched' && decision.route.access === 'authPage';
}
