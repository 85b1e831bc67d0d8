// @lockstep/core: the engine. Re-exports only; each area has its own subpath
// (`/routes`, `/cookies`, `/refresh`, `/verify`, `/provider`, `/adapter`).

// The engine: one instance per app, one outcome per request.
export { createLockstep, type CallbackCapability, type DataClientCapability, type FactorCapability, type Lockstep, type LockstepConfig, type LockstepCore, type LockstepEffects, type PasswordCapability } from './lockstep.js';
export type { PasswordSignIn, SignInResult } from './instance/sign-in.js';
export type { FactorProof } from './instance/verify-factor.js';
export type { SignOutResult } from './instance/sign-out.js';
export type { GuardOptions, GuardResult } from './instance/guard-request.js';
export { DEFAULTS, type LockstepBaseOptions, type LockstepOptions, type ProviderFactory } from './options.js';
export type { ContinueOutcome, ErrorBody, HeaderEntry, Outcome, RedirectOutcome, RespondOutcome } from './outcome.js';
export type { AnonymousReason, AuthState, EngineReason, RefusalCode, Session, SessionClaims, SessionUser, UnavailableCause } from './session/session.js';
export { LockstepError, type LockstepErrorCode } from './errors.js';
export type { AuthOperation, EventCorrelation, EventHandler, LockstepEvent, LockstepEventBody, RequestDecision, SessionSource } from './events.js';
export { REQUEST_ID_HEADER } from './trace/request-trace.js';
export { DEBUG_HEADER, formatDebugText } from './trace/debug-header.js';
export { GUARD_DEBUG_HEADER } from './trace/guard-trace.js';

// The provider port: what an auth backend implements (Supabase, a token backend, OIDC, yours).
export type { CallbackResult, GrantResult, ProviderEnvironment, SessionProvider, SessionRead, SignOutScope, TokenCheck, TokenSource } from './session/session-provider.js';

// For adapters: the instance from what the app passes, capabilities, rendering outcomes onto Web responses, the request types.
export { capabilityOf, instanceFrom, isLockstep, type RouterSemantics } from './instance/adapter-support.js';
export { applyOutcomeToResponse, toWebResponse } from './response/web-response.js';
export { sanitizeReturnTo, RETURN_TO_MAX_LENGTH } from './response/return-to.js';
export type { RequestKind, RequestKindHint } from './request/request-kind.js';
export type { RequestLike } from './request/request-record.js';
export type { PathPattern, RouteAccess, RouteRule, VerifyMode } from './routes/route-rule.js';
export type { ClaimValue, ClaimsRequirement, RouteRequirements } from './routes/route-requirements.js';
export type { RequirementName, UnmetRequirement } from './assurance/unmet-requirement.js';
export { defaultRoles } from './assurance/default-roles.js';
export { lastAuthenticatedAt } from './assurance/unmet-requirement.js';
export type { RouteExplanation } from './routes/route-decision.js';
export type { RefreshStore } from './refresh/refresh-store.js';
export type { RevocationOptions, RevocationStoreErrorPolicy } from './revocation/revocation-options.js';
export type { RevocationStore } from './revocation/revocation-store.js';
export type { CookieOptions } from './cookies/cookie-attributes.js';
