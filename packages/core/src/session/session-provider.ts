// The provider port: what the session engine needs from an auth backend (Supabase, or a custom one).
import type { CookieAttributes, CookieWrite } from '../cookies/cookie-write.js';
import type { RequestCookie } from '../cookies/request-cookies.js';
import type { RefreshResult } from '../refresh/refresh-result.js';
import type { VerifyMode } from '../routes/route-rule.js';
import type { AnonymousReason, Session, SessionClaims, SessionUser, UnavailableCause } from './session.js';

/** The session found in the request's cookies. */
export type SessionRead =
  | { readonly kind: 'none' }
  /** Unreadable or tampered cookies: cleared, and the user is anonymous (DESIGN §3.3). */
  | { readonly kind: 'malformed'; readonly reason: string }
  | { readonly kind: 'present'; readonly session: Session };

/** The result of checking an access token in a verify mode. */
export type TokenCheck =
  | {
      readonly kind: 'valid';
      readonly claims: SessionClaims;
      /** The user as the mode knows it: from the token's claims, the auth server, or (session mode) the cookie. */
      readonly user: SessionUser;
      /** True when a cache answered and no key or server was consulted. */
      readonly cached: boolean;
    }
  | { readonly kind: 'rejected'; readonly reason: AnonymousReason }
  | { readonly kind: 'unavailable'; readonly cause: UnavailableCause };

/** How a token reached the check: read from a cookie (check per mode) or just issued by the auth server to us. */
export type TokenSource = { readonly kind: 'cookie'; readonly mode: VerifyMode } | { readonly kind: 'issued' };

/**
 * An auth backend. Each method classifies its own failures into the unions above and never throws
 * for anything a request can contain; a throw is a bug.
 */
export interface SessionProvider {
  readSession(cookies: readonly RequestCookie[], now: number): Promise<SessionRead>;
  /** Cookie writes that turn the request's cookies into `session` (or clear them for `null`): only what changes. */
  planWrite(cookies: readonly RequestCookie[], session: Session | null, attributes: CookieAttributes, now: number): CookieWrite[];
  refresh(refreshToken: string, now: number): Promise<RefreshResult>;
  /**
   * Checks an access token. `issued` tokens came straight from the auth server in answer to our own
   * call, so decoding them is enough; `cookie` tokens are checked per mode (`claims`, `user`, `session`).
   */
  check(session: Session, source: TokenSource, now: number): Promise<TokenCheck>;
  /** The access token's own expiry and lifetime, decoded without verification, to time the refresh. */
  tokenTiming(accessToken: string): { readonly exp: number; readonly iat?: number } | null;
}
