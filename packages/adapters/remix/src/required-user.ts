// What a passed guard returns (framework-neutral).
import type { AuthState, Session, SessionClaims, SessionUser } from '@lockstep/core';

/** A verified user, as `requireUser()` returns it. */
export interface RequiredUser {
  readonly auth: Extract<AuthState, { kind: 'authenticated' }>;
  readonly user: SessionUser;
  readonly claims: SessionClaims;
  /** Its tokens are secrets: never log them. */
  readonly session: Session;
}
