// Public entry of @lockstep/oidc: re-exports only.
export { oidc, type OidcProvider, type OidcSessionProvider } from './oidc-provider.js';
export { OIDC_DEFAULTS, type ClientAuthMethod, type OidcOptions } from './oidc-options.js';
export type { SignInStart, StartSignInOptions } from './sign-in-start.js';
export type { EndSessionUrlOptions } from './end-session.js';
export { REFUSAL_STATUSES } from './refusals.js';
export { OIDC_COOKIE_PREFIX } from './session-cookie.js';
