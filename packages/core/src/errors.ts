// Exceptions for misuse and bugs only; expected outcomes are values (see outcome.ts).

/** Stable error codes. Never renamed once published; new ones may be added. */
export type LockstepErrorCode =
  | 'ERR_CONFIG_INVALID'
  | 'ERR_CONFIG_URL'
  | 'ERR_CONFIG_PATH'
  | 'ERR_CONFIG_PATTERN'
  | 'ERR_CONFIG_LOGIN_UNREACHABLE'
  | 'ERR_CONFIG_RULE_SHADOWED'
  | 'ERR_CONFIG_VERIFY_MODE'
  | 'ERR_CONFIG_COOKIE'
  | 'ERR_COOKIE_ENCODE'
  | 'ERR_COOKIE_TOO_LARGE'
  | 'ERR_REQUEST_INVALID'
  | 'ERR_PROVIDER_UNSUPPORTED'
  /** Thrown only where a framework cannot answer 503 itself (e.g. a Server Component render). */
  | 'ERR_AUTH_UNAVAILABLE'
  /** Thrown only where a framework cannot answer 401/403 itself: a signed-in user failed a route requirement and no page is configured for it. */
  | 'ERR_ACCESS_DENIED'
  /** `revokeSession`/`revokeUser`: the revocation store did not take the entry (this instance has it); retry. */
  | 'ERR_REVOCATION_UNAVAILABLE'
  | 'ERR_INTERNAL';

/**
 * Thrown for misconfiguration and programming errors, never for a user's request.
 * Messages name options and paths, never a token, cookie value or secret.
 *
 * @example
 * try { createLockstep(options) } catch (e) {
 *   if (e instanceof LockstepError && e.code === 'ERR_CONFIG_URL') { ... }
 * }
 */
export class LockstepError extends Error {
  override readonly name: string = 'LockstepError';
  readonly code: LockstepErrorCode;

  constructor(code: LockstepErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
