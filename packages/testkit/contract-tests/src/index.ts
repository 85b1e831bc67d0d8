// Public entry of @lockstep/contract-tests: re-exports only.
export { runContractSuite } from './run-contract-suite.js';
export type { AdapterCapabilities, AdapterHarness, HarnessContext, RunningApp } from './harness.js';
export type { AppOverrides, BackendCapabilities, BackendSession, ContractBackend, IssueOptions, PortableSetup } from './backends/contract-backend.js';
export { CONTRACT_BACKEND_NAMES, type ContractBackendName } from './backends/index.js';
export {
  AFTER_SIGN_IN_PATH,
  FIXTURE_BASE_OPTIONS,
  FIXTURE_RULES,
  FIXTURE_USER,
  OWN_REDIRECT_TARGET,
  STREAM_CHUNKS,
  TOKEN_LIFETIME,
  fixtureOptions,
  signOutScope,
  type Probe,
} from './fixture.js';
export { listenOnLoopback, overHttp } from './http-app.js';
export { EVENT_SINK_OPTION, postingEvents, startEventSink, type EventSink } from './event-sink.js';
export { createMockLockstep, type MockLockstep } from './mock-lockstep.js';
export { DENY_BY_DEFAULT, HOSTILE_PATH_CLASSES, ROUTER_AGREEMENT_RULES, weakerThanServed, type AttachedRule } from './router-agreement-kit.js';
