// Public entry of @lockstep/mock-oidc: re-exports only.
export { createMockOidc, type MockOidc } from './mock-oidc.js';
export { startMockOidc, LOOPBACK_HOST, type RunningMockOidc } from './server.js';
export { MOCK_OIDC_DEFAULTS, type MockOidcClient, type MockOidcOptions, type SeedOidcUser } from './options.js';
export type { MockOidcClock, MockOidcControls } from './controls.js';
export type { OidcEndpoint, OidcFault } from './faults.js';
export type { OidcUser, RefreshTokenState } from './grants.js';
export type { OidcTokenResponse } from './token-answer.js';
export type { Jwks } from './signing.js';
export { OIDC_PATHS } from './discovery.js';
