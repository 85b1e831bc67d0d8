// The auth state split into what loaders read (framework-neutral: shared by the React Router and Remix v2 entries).
import type { AuthState, Session, SessionClaims, SessionUser } from '@lockstep/core';

/** The verified parts of an auth state, `null` each when the request is not authenticated. */
export interface AuthView {
  readonly auth: AuthState;
  readonly user: SessionUser | null;
  readonly claims: SessionClaims | null;
  /** The (possibly just refreshed) session. Its tokens are secrets: never log them. */
  readonly session: Session | null;
}

/** Splits an auth state into the view loaders read. */
export function toAuthView(auth: AuthState): AuthView {
  const verified = auth.kind === 'authenticated' ? auth : null;
  return { auth, user: verified?.user ?? null, claims: verified?.claims ?? null, session: verified?.session ?? null };
}
