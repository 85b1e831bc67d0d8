// Runs a mock on a loopback `node:http` server: free port by default, `stop()` to close.
import { LOOPBACK_HOST, startLoopbackServer, type LoopbackServer } from './loopback-server.js';
import { createMockAuth, type MockAuth } from './mock-auth.js';
import type { MockAuthOptions } from './options.js';

export { LOOPBACK_HOST };

/** A running mock. */
export interface RunningMockAuth extends MockAuth, LoopbackServer {}

/** GoTrue's answer to an unhandled error (gotrue-contract §1.4). */
const UNEXPECTED_FAILURE = '{"code":"unexpected_failure","message":"Unexpected failure, please check server logs for more information"}';

/**
 * Starts a mock on `127.0.0.1` (a free port unless `port` is given).
 *
 * @example
 * const mock = await startMockAuth({ users: [{ email: 'a@example.com', password: 'password1' }] });
 * const supabase = createClient(mock.url, mock.anonKey);
 * await mock.stop();
 */
export function startMockAuth(options: MockAuthOptions = {}): Promise<RunningMockAuth> {
  return startLoopbackServer((url) => createMockAuth({ ...options, url }), {
    ...(options.port === undefined ? {} : { port: options.port }),
    failureBody: UNEXPECTED_FAILURE,
  });
}
