// Orders verify modes by how much they prove, so a guard never checks less than the route's rule asks.
import type { VerifyMode } from '../routes/route-rule.js';

// `session` proves nothing, `claims` proves the token was issued and not expired, `user` also that it was not revoked.
const STRENGTH: Readonly<Record<VerifyMode, number>> = { session: 0, claims: 1, user: 2 };

/**
 * The stricter of two verify modes.
 *
 * @example
 * stricterMode('claims', 'user'); // → 'user'
 */
export function stricterMode(a: VerifyMode, b: VerifyMode): VerifyMode {
  return STRENGTH[b] > STRENGTH[a] ? b : a;
}
