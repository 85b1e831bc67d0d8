// A mock auth server with a frozen clock and the Lockstep options of the adapter mechanics tests (shared by the adapters: @lockstep/contract-tests).
export { createMockLockstep as setup, type MockLockstep as Setup } from '@lockstep/contract-tests';
