// What a request's auth is when its token's check did not pass: the one mapping the guards and Bearer requests share.
import type { TokenCheck } from './session-provider.js';
import type { AuthState } from './session.js';

/**
 * `rejected` → anonymous with the check's reason, `unverified` (over the budget of server checks) →
 * anonymous `unverified_token`, `unavailable` → unavailable with its cause (never a sign-out).
 *
 * @example
 * if (check.kind !== 'valid') return failedCheckAuth(check);
 */
export function failedCheckAuth(check: Exclude<TokenCheck, { kind: 'valid' }>): Exclude<AuthState, { kind: 'authenticated' }> {
  switch (check.kind) {
    case 'rejected':
      return { kind: 'anonymous', reason: check.reason };
    case 'unverified':
      return { kind: 'anonymous', reason: 'unverified_token' };
    case 'unavailable':
      return { kind: 'unavailable', cause: check.cause };
  }
}
