// The sentence the demos' pages show next to the session: how soon a sign-out elsewhere reaches this page.
import type { VerifyMode } from '@lockstep/core';

/**
 * What the verify mode means for revocation, for display: `claims` checks the token locally, so a
 * sign-out elsewhere (or a session deleted on the server) only takes effect when the access token
 * expires, `secondsLeft` from now; `user` asks the auth server on every request; `session` reads
 * the cookie without any check.
 *
 * @example
 * revocationNote('claims', 42); // 'verified locally: a sign-out elsewhere takes effect within 42 s'
 */
export function revocationNote(verifiedBy: VerifyMode, secondsLeft: number): string {
  const within = `a sign-out elsewhere takes effect within ${Math.max(0, Math.ceil(secondsLeft))} s`;
  switch (verifiedBy) {
    case 'claims':
      return `verified locally: ${within}`;
    case 'user':
      return 'checked with the auth server: a sign-out elsewhere takes effect on the next request';
    case 'session':
      return `not verified (display only): ${within}`;
  }
}
