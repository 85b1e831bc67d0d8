// Runs the fake on a loopback `node:http` server: a free port by default, `stop()` to close.
import { LOOPBACK_HOST, startLoopbackServer, type LoopbackServer } from '@lockstep/mock-auth';
import { createMockTokenBackend, type MockTokenBackend, type MockTokenBackendOptions } from './mock-token-backend.js';

export { LOOPBACK_HOST };

/** A running fake. */
export interface RunningMockTokenBackend extends MockTokenBackend, LoopbackServer {}

/**
 * Starts the fake on `127.0.0.1`; its `url` is the loopback address.
 *
 * @example
 * const backend = await startMockTokenBackend({ users: [{ email: 'ada@example.com', password: 'pw-ada-1' }] });
 * await backend.stop();
 */
export function startMockTokenBackend(options: Omit<MockTokenBackendOptions, 'url'> & { readonly port?: number } = {}): Promise<RunningMockTokenBackend> {
  const { port, ...rest } = options;
  return startLoopbackServer((url) => createMockTokenBackend({ ...rest, url }), port === undefined ? {} : { port });
}
