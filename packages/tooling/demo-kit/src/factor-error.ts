// The sentence a demo's security page shows for a refused second-factor check (`lockstep.verifyFactor`).
import type { SignInResult } from '@lockstep/core';

const MESSAGES: Readonly<Record<string, string>> = {
  mfa_verification_failed: 'Invalid TOTP code entered.',
  validation_failed: 'Enter the 6-digit code from your authenticator app.',
  mfa_challenge_expired: 'The challenge expired; enter a new code.',
  cross_site_request: 'This form was posted from another site.',
  no_session: 'Your session ended; sign in again.',
};

/**
 * A person-readable message for a `verifyFactor` result that is not a sign-in.
 *
 * @example
 * factorError({ kind: 'rejected', reason: 'mfa_verification_failed' }); // → 'Invalid TOTP code entered.'
 */
export function factorError(result: Exclude<SignInResult, { kind: 'signed_in' }>): string {
  if (result.kind === 'unavailable') return 'The auth server cannot be reached right now; try again.';
  return MESSAGES[result.reason] ?? `The auth server refused the code (${result.reason}).`;
}
