// Vitest's hooks around mockAuthPerFile: a mock for the test file that calls it.
import { afterAll, beforeAll } from 'vitest';
import type { MockAuthOptions } from '../options.js';
import type { RunningMockAuth } from '../server.js';
import { mockAuthPerFile } from '../testing/mock-per-file.js';

/**
 * A mock started before this file's tests and stopped after them; call the result inside a test.
 *
 * @example
 * const mock = useMockAuth({ users: [{ email: 'ada@example.com', password: 'correct-horse-1' }] });
 * it('…', async () => { await signedIn(mock(), { email: 'ada@example.com' }); });
 */
export function useMockAuth(options: MockAuthOptions = {}): () => RunningMockAuth {
  const perFile = mockAuthPerFile({ beforeAll, afterAll }, options);
  return () => perFile.get();
}
