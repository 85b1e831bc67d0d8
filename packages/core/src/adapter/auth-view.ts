// An auth state split into what app code reads (user, claims, session): one shape for every adapter's context or loader helper.
import type { AuthState, Session, SessionClaims, SessionUser } from '../session/session.js';

/** A verified session. */
export type Authenticated = Extract<AuthState, { kind: 'authenticated' }>;

/** The verified parts of an auth state, `null` each when the request is not authenticated. */
export interface AuthView {
  readonly auth: AuthState;
  readonly user: SessionUser | null;
  readonly claims: SessionClaims | null;
  /** The (possibly just refreshed) session. Its tokens are secrets: never log them. */
  readonly session: Session | null;
}

/** A verified user, as a passed guard returns it. */
export interface RequiredUser {
  readonly auth: Authenticated;
  readonly user: SessionUser;
  readonly claims: SessionClaims;
  /** Its tokens are secrets: never log them. */
  readonly session: Session;
}

/**
 * Splits an auth state into the view app code reads; a verified one gives a `RequiredUser`.
 *
 * @example
 * const { user } = authView(outcome.auth); // null unless authenticated
 */
export function authView(auth: Authenticated): RequiredUser;
export function authView(auth: AuthState): AuthView;
export function authView(auth: AuthState): AuthView {
  const verified = auth.kind === 'authenticated' ? auth : null;
  return { auth, user: verified?.user ?? null, claims: verified?.claims ?? null, session: verified?.session ?? null };
}
