// One running mock per test file, started before its tests and stopped after them, for any runner's hooks.
import type { MockAuthOptions } from '../options.js';
import { startMockAuth, type RunningMockAuth } from '../server.js';

/** The `beforeAll` / `afterAll` of your runner (Vitest's, Jest's globals, node:test's `before` / `after`). */
export interface FileHooks {
  readonly beforeAll: (fn: () => Promise<void>) => void;
  readonly afterAll: (fn: () => Promise<void>) => void;
}

/**
 * Starts a mock in `beforeAll` and stops it in `afterAll`; between them, `get()` returns it
 * (outside them it throws: the mock is not running).
 *
 * @example
 * const mock = mockAuthPerFile({ beforeAll, afterAll }, { users: [{ email: 'ada@example.com', password: 'correct-horse-1' }] });
 * it('…', async () => { const response = await app.fetch(await signedInRequest(mock.get(), url, { email: 'ada@example.com' })); });
 */
export function mockAuthPerFile(hooks: FileHooks, options: MockAuthOptions = {}): { get(): RunningMockAuth } {
  let running: RunningMockAuth | undefined;
  hooks.beforeAll(async () => {
    running = await startMockAuth(options);
  });
  hooks.afterAll(async () => {
    await running?.stop();
    running = undefined;
  });
  return {
    get() {
      if (running === undefined) throw new Error('the mock runs between beforeAll and afterAll: call get() inside a test');
      return running;
    },
  };
}
