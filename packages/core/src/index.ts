// Public entry of @lockstep/core: re-exports only.

// The engine: one instance per app, one outcome per request.
export { createLockstep, type Lockstep, type LockstepConfig, type LockstepEffects } from './lockstep.js';
export type { PasswordSignIn, SignInResult } from './instance/sign-in.js';
export type { SignOutResult } from './instance/sign-out.js';
export type { GuardOptions, GuardResult } from './instance/guard-request.js';
export { createAuthenticatedClient } from './supabase/bound-client.js';
export { DEFAULTS, type LockstepBaseOptions, type LockstepOptions, type ProviderLockstepOptions, type SupabaseLockstepOptions } from './options.js';
export type { ContinueOutcome, ErrorBody, HeaderEntry, Outcome, RedirectOutcome, RespondOutcome } from './outcome.js';
export type { AnonymousReason, AuthState, Session, SessionClaims, SessionUser, UnavailableCause } from './session/session.js';
export { LockstepError, type LockstepErrorCode } from './errors.js';
export type { Sha256 } from './util/token-hash.js';
export type { AuthOperation, EventCorrelation, EventHandler, LockstepEvent, LockstepEventBody, RequestDecision, SessionSource } from './events.js';
export { REQUEST_ID_HEADER } from './trace/request-trace.js';
export { DEBUG_HEADER, formatDebugText } from './trace/debug-header.js';

// Rendering outcomes onto Web responses (shared by every adapter).
export { applyOutcomeToResponse, toWebResponse } from './response/web-response.js';
export { sanitizeReturnTo, RETURN_TO_MAX_LENGTH } from './response/return-to.js';

// Route policy.
export { canonicalizePath, createRoutePolicy, MAX_PATH_LENGTH } from './routes/index.js';
export type {
  CanonicalPathOptions,
  CanonicalPathResult,
  MalformedPathReason,
  PathPattern,
  RouteAccess,
  RouteDecision,
  RouteExplanation,
  RouteMatch,
  RoutePolicy,
  RoutePolicyOptions,
  RouteRule,
  RouteRuleTrial,
  VerifyMode,
} from './routes/index.js';

// Requests.
export type { RequestKind, RequestKindHint } from './request/request-kind.js';
export type { RequestLike } from './request/request-record.js';

// Cookies.
export type { CookieAttributes, CookiePlan, CookieWrite } from './cookies/cookie-write.js';
export type { CookieOptions } from './cookies/cookie-attributes.js';
export { parseRequestCookies, formatRequestCookieHeader, type RequestCookie } from './cookies/request-cookies.js';
export { NO_STORE_HEADERS } from './cookies/no-store.js';

// Refresh coordination: implement RefreshStore to share it across instances.
export { createMemoryRefreshStore, type MemoryRefreshStore, type MemoryRefreshStoreOptions } from './refresh/memory-refresh-store.js';
export type { RefreshLockGrant, RefreshStore, SuccessorRecord } from './refresh/refresh-store.js';
export type { RefreshRejection, RefreshResult, RefreshVia } from './refresh/refresh-result.js';

// The provider port, for backends other than Supabase.
export type { CallbackResult, GrantResult, ProviderEnvironment, SessionProvider, SessionRead, SignOutScope, TokenCheck, TokenSource } from './session/session-provider.js';

// A provider for custom token backends (login/refresh endpoints, httpOnly cookie) and the proxy route helper.
export {
  createProxyHandler,
  createTokenBackendProvider,
  defaultClassifyRejection,
  defaultLoginBody,
  defaultMapTokens,
  defaultMapUser,
  defaultRefreshBody,
  TOKEN_COOKIE_CHUNK_SIZE,
  TOKEN_COOKIE_PREFIX,
  type ProxyHandlerOptions,
  type RejectionVerdict,
  type TokenBackendJwtOptions,
  type TokenBackendOptions,
  type TokenBackendProvider,
  type TokenRejection,
  type TokenRequestBody,
  type TokenSet,
} from './token-backend/index.js';
