// The route policy the app's instance builds from these options, built without credentials (the CLI never creates an instance).
import { DEFAULTS } from '@lockstep/core';
import { createRoutePolicy, type RoutePolicy, type RouteRule } from '@lockstep/core/routes';
import type { RouteOptions } from './load-config.js';

/**
 * Mirrors what `createLockstep` passes to `createRoutePolicy`: the same defaults, and the callback
 * path as an implicit public rule. A bad table throws the same `LockstepError` the app would throw at boot.
 */
export function policyFromConfig(options: RouteOptions, adapterDefaults: { readonly caseSensitive?: boolean; readonly trailingSlash?: 'ignore' | 'strict' } = {}): RoutePolicy {
  return createRoutePolicy({
    rules: (options.routes ?? []) as readonly RouteRule[],
    defaultVerify: (options.verify ?? DEFAULTS.verify) as 'claims' | 'user',
    loginPath: (options.loginPath ?? DEFAULTS.loginPath) as string,
    basePath: (options.basePath ?? DEFAULTS.basePath) as string,
    trailingSlash: (options.trailingSlash ?? adapterDefaults.trailingSlash ?? DEFAULTS.trailingSlash) as 'ignore' | 'strict',
    // The Next.js and Hono adapters default to case-sensitive matching, as their routers do.
    caseSensitive: (options.caseSensitive ?? adapterDefaults.caseSensitive ?? false) as boolean,
    implicitPublic: [(options.callbackPath ?? DEFAULTS.callbackPath) as string],
  });
}
