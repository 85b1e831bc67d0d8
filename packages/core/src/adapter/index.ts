// @lockstep/core/adapter: the framework-neutral mechanics every adapter shares, so each adapter keeps
// only what its framework needs. Re-exports only. (Rendering outcomes, `instanceFrom` and
// `capabilityOf` are in the root entry.)
export { authView, type Authenticated, type AuthView, type RequiredUser } from './auth-view.js';
export { downstreamCookie, forwardedRequest, setRequestCookie, withRequestCookie } from './request-cookie.js';
export { applyChanges, applyChangesToRecord, downstreamChanges, withChanges, type HeaderChange } from './downstream-headers.js';
export { mergeOutcomeHeaders, outcomeHeaders } from './outcome-headers.js';
export { AUTH_RESPONSE_HEADERS, carryAuthHeaders } from './auth-response-headers.js';
export { guardDenial, guardResponse, type GuardDenial, type GuardResponse } from './guard-response.js';
export { signInResponse, type SignInResponse } from './sign-in-response.js';
export { requestFromHeaders } from './request-from-headers.js';
export { writeCookies, type CookieStore, type CookieStoreOptions } from './cookie-store.js';
export { unhandledOutcome } from './unhandled-outcome.js';
export { guardCheckOptions, type GuardCheck } from './guard-check.js';
