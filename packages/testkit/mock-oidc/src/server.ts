// Runs the mock on a loopback `node:http` server: a free port by default, `stop()` to close.
import { LOOPBACK_HOST, startLoopbackServer, type LoopbackServer } from '@lockstep/mock-auth';
import { createMockOidc, type MockOidc } from './mock-oidc.js';
import type { MockOidcOptions } from './options.js';

export { LOOPBACK_HOST };

/** A running mock. */
export interface RunningMockOidc extends MockOidc, LoopbackServer {}

/**
 * Starts the mock on `127.0.0.1` (port 0 unless `port` is given); its `url` and `issuer` are the loopback address.
 *
 * @example
 * const oidc = await startMockOidc({ users: [{ email: 'ada@example.com' }] });
 * await oidc.stop();
 */
export function startMockOidc(options: Omit<MockOidcOptions, 'url'> & { readonly port?: number } = {}): Promise<RunningMockOidc> {
  const { port, ...rest } = options;
  return startLoopbackServer((url) => createMockOidc({ ...rest, url }), port === undefined ? {} : { port });
}
