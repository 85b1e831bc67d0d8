// Public entry of @lockstep/mock-token-backend: re-exports only.
export { createMockTokenBackend, TEST_SECRET, type MockClock, type MockTokenBackend, type MockTokenBackendControls, type MockTokenBackendOptions, type TokenResponse } from './mock-token-backend.js';
export { startMockTokenBackend, LOOPBACK_HOST, type RunningMockTokenBackend } from './server.js';
export type { TokenBackendEndpoint, TokenBackendFault } from './faults.js';
export type { FakeUser } from './token-store.js';
