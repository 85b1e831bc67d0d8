// Entry @lockstep/mock-auth/vitest: a mock per test file and the session matchers, typed on Vitest's `expect`.
import type { SessionMatchers } from '../testing/session-matchers.js';

export { useMockAuth } from './use-mock-auth.js';
export { sessionMatchers, type SessionBefore, type SessionBody, type SessionMatchers } from '../testing/session-matchers.js';

declare module 'vitest' {
  // Merged into Vitest's own interface: the type parameter must keep its name and default.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any
  interface Assertion<T = any> extends SessionMatchers {}
}
