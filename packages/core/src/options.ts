// Lockstep's options: typed, documented, validated and resolved once into a frozen object (STYLE §14).
import type { CookieOptions } from './cookies/cookie-attributes.js';
import { LockstepError } from './errors.js';
import type { EventHandler } from './events.js';
import type { RefreshStore } from './refresh/refresh-store.js';
import type { RevocationOptions } from './revocation/revocation-options.js';
import type { PathPattern, RouteRule } from './routes/route-rule.js';
import type { SessionClaims } from './session/session.js';
import type { ProviderEnvironment, SessionProvider } from './session/session-provider.js';

/** Settings shared by every backend. */
export interface LockstepBaseOptions {
  /**
   * The ordered route table; first match wins. A path no rule matches is protected (deny by default).
   * @default [] (everything but the login and callback paths is protected)
   */
  routes?: readonly RouteRule[];
  /** Verify mode for protected rules that name none. `session` is only allowed on a rule. @default 'claims' */
  verify?: 'claims' | 'user';
  /** The login page (relative to `basePath`). It is an auth page unless a rule says otherwise. @default '/login' */
  loginPath?: string;
  /** Where a signed-in user on an auth page goes without a valid return-to (relative to `basePath`). @default '/' */
  afterSignInPath?: string;
  /** The OAuth / magic-link callback path, public by default (relative to `basePath`). @default '/auth/callback' */
  callbackPath?: string;
  /** Query parameter that carries the return-to target on the login page. @default 'next' */
  returnToParam?: string;
  /** Paths answered as data requests (401 JSON instead of a login redirect). @default ['/api/**'] */
  apiRoutes?: readonly PathPattern[];
  /**
   * Accept `Authorization: Bearer <access token>` on `apiRoutes` (mobile apps, CLIs, other servers):
   * verified like a cookie's token in the rule's mode (at least `claims`), never refreshed, no
   * cookies written; refused when the request also carries another user's session cookie. Never
   * on other paths. The provider's API keys (Supabase `sb_…`, `anon`) are not user tokens and are ignored.
   * @default true
   */
  bearer?: boolean;
  /** The app's mount point, e.g. `/docs`. @default '' */
  basePath?: string;
  /** `ignore`: `/a/` is `/a`. `strict`: they differ. @default 'ignore' */
  trailingSlash?: 'ignore' | 'strict';
  /**
   * Whether your router tells `/Admin` from `/admin`. The adapters set it to their framework's
   * behaviour (Hono, Next.js: `true`; React Router, Remix: `false`); set it yourself only when your
   * routes differ (e.g. every React Router route marked `caseSensitive`). With `false`, a path is
   * decided by the strictest rule any case-insensitive reading of it matches. @default false
   */
  caseSensitive?: boolean;
  /** Attributes of the session cookies. */
  cookies?: CookieOptions;
  /** Refresh this many seconds before the access token expires (clamped to half its lifetime). @default 120 */
  refreshMarginSeconds?: number;
  /** Timeout of every auth-server call, in milliseconds. @default 5000 */
  authTimeoutMs?: number;
  /** How long a spent refresh token is answered with its successor; ≤ the server's reuse interval. @default 10 */
  successorTtlSeconds?: number;
  /** Where refresh coordination lives; the default is this process's memory. Use a shared store with several instances. */
  refreshStore?: RefreshStore;
  /**
   * Revocations checked on every verifying route (`claims`, `user`) and in the guards: sign-outs
   * through Lockstep, refused refreshes, `revokeSession`/`revokeUser`. In this process's memory
   * unless a shared `store` is given (docs/revocation.md).
   */
  revocation?: RevocationOptions;
  /** Receives structured events (never a token or cookie value). Must not throw. */
  onEvent?: EventHandler;
  /**
   * Debug mode: every decided response gets a `Lockstep-Debug` header (matched rule, verify mode,
   * whether the session was cached, refreshed, joined or replayed, why a request was denied; never
   * a token, cookie value or email). Ignored when `NODE_ENV` is `production` (with a
   * `config.warning` event) unless given as `{ allowInProduction: true }`.
   * @default false
   */
  debug?: boolean | { readonly allowInProduction: true };
  /**
   * Read the public scheme and host from `X-Forwarded-Proto` / `X-Forwarded-Host` (first value).
   * Only behind a proxy that sets both and drops what clients send: otherwise any client chooses them.
   * @default false
   */
  trustProxy?: boolean;
  /**
   * The page where a signed-in user meets a step-up requirement (`aal: 'aal2'`, `recentSignIn`):
   * verifies a second factor or signs in again, then goes back to the `next` query parameter
   * (`requirement` says which). Without it, a page that fails one is answered with 401.
   */
  stepUpPath?: string;
  /** Where a user without any verified second factor is sent by an `aal2` rule instead (MFA enrolment). @default stepUpPath */
  enrolPath?: string;
  /** Where a page that fails a `roles` or `claims` requirement sends the user; without it: a 403 response. */
  forbiddenPath?: string;
  /**
   * The user's roles in the verified claims, for `roles` requirements.
   * @default `app_metadata.roles`, `app_metadata.role`, `user_role` and `roles` (never `user_metadata`, which users write themselves)
   */
  rolesFrom?: (claims: SessionClaims) => readonly string[];
  /**
   * Origins besides the app's own whose pages may post to sign-in and sign-out
   * (e.g. `['https://www.example.com']`); cross-site requests are refused (login CSRF).
   * @default []
   */
  allowedOrigins?: readonly string[];
}

/**
 * Everything an app configures: the shared settings plus the provider of its auth backend
 * (`supabase(…)` from `@lockstep/supabase`, `tokenBackend(…)` from `@lockstep/token-backend`,
 * `oidc(…)` from `@lockstep/oidc`, or your own). The instance's type follows the provider's:
 * a provider without password sign-in gives an instance without `signInWithPassword`.
 */
export interface LockstepOptions<P extends SessionProvider = SessionProvider> extends LockstepBaseOptions {
  /** Builds the provider once, with the instance's injected `fetch`, auth-call timeout and hash. */
  provider: ProviderFactory<P>;
}

/** Builds a provider from what the instance injects; called once, at `createLockstep`. */
export type ProviderFactory<P extends SessionProvider = SessionProvider> = (environment: ProviderEnvironment) => P;

/** The defaults, in one place. */
export const DEFAULTS = Object.freeze({
  verify: 'claims',
  loginPath: '/login',
  afterSignInPath: '/',
  callbackPath: '/auth/callback',
  returnToParam: 'next',
  apiRoutes: Object.freeze(['/api/**']),
  basePath: '',
  trailingSlash: 'ignore',
  refreshMarginSeconds: 120,
  authTimeoutMs: 5000,
  successorTtlSeconds: 10,
} as const);

/** Reads an option that must be a non-empty string. */
export function requireString(value: unknown, option: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new LockstepError('ERR_CONFIG_INVALID', `${option} must be a non-empty string.`);
  return value;
}

/** Reads a number option within bounds, or its default. */
export function boundedNumber(value: unknown, fallback: number, option: string, min: number, max: number): number {
  const number = value ?? fallback;
  if (typeof number !== 'number' || !Number.isFinite(number) || number < min || number > max) {
    throw new LockstepError('ERR_CONFIG_INVALID', `${option} must be a number from ${min} to ${max}.`);
  }
  return number;
}
