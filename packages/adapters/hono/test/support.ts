// A mock auth server with a frozen clock and the Lockstep options of the Hono mechanics tests (shared by the adapters: @lockstep/contract-tests).
export { createMockLockstep as setup, type MockLockstep as Setup } from '@lockstep/contract-tests';
