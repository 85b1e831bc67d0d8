// Public API of @lockstep/mock-auth: the mock server, its controls and their types.
export { startMockAuth, LOOPBACK_HOST, type RunningMockAuth } from './server.js';
export { startLoopbackServer, type LoopbackServer, type LoopbackServerOptions } from './loopback-server.js';
export { createMockAuth, type MockAuth, type CreateMockAuthOptions } from './mock-auth.js';
export { DEFAULTS, MockAuthConfigError, type MockAuthOptions, type SeedUser, type JwtAlgorithm } from './options.js';
export type { MockAuthControls, ClockControls, CreateUserInput } from './controls.js';
export type { MockAuthSettings } from './settings.js';
export { MOCK_ENDPOINTS, type MockEndpoint, type Fault, type FailOptions } from './faults.js';
export type { MockUserView, SessionView, RefreshTokenView, OtpView, FactorChallengeView } from './views.js';
export { totpCode } from './totp.js';
export { MOCK_OIDC_CLIENT_ID, type IdTokenInput } from './id-token-grant.js';
export type { AccessTokenResponse } from './sessions.js';
export type { AccessTokenClaims } from './access-token.js';
export type { Jwks, PublicJwk } from './keys.js';
export { AUTH_PREFIX, CONTROL_PREFIX } from './request-handler.js';
