// Whether a Supabase user has a verified MFA factor: decides between the enrolment and the step-up page.
import type { SessionUser } from '@lockstep/core';

/**
 * GoTrue lists a user's factors in `factors` (left out when there are none); a factor counts once
 * its status is `verified`. Read from the user object the session carries: it only chooses which
 * page an `aal2` route sends the user to, never whether they get in.
 *
 * @example
 * hasVerifiedFactor({ id: 'u', raw: { factors: [{ status: 'verified' }] } }); // → true
 */
export function hasVerifiedFactor(user: SessionUser): boolean {
  const factors = user.raw.factors;
  return Array.isArray(factors) && factors.some((factor: unknown) => typeof factor === 'object' && factor !== null && (factor as { status?: unknown }).status === 'verified');
}
