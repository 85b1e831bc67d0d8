// The provider-neutral session and verified-auth types every outcome speaks in.
import type { VerifyMode } from '../routes/route-rule.js';

/** The signed-in user as far as the core needs it; providers keep their full user object in `raw`. */
export interface SessionUser {
  readonly id: string;
  readonly email?: string;
  readonly role?: string;
  readonly raw: Readonly<Record<string, unknown>>;
}

/** A session as stored in the auth cookies: opaque tokens plus the access token's expiry. */
export interface Session {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Access-token expiry, Unix seconds. */
  readonly expiresAt: number;
  readonly user: SessionUser | null;
}

/** Access-token claims after verification (or as decoded, in `session` mode). */
export interface SessionClaims {
  readonly sub: string;
  readonly exp: number;
  readonly iat?: number;
  readonly iss?: string;
  readonly aud?: string | readonly string[];
  readonly role?: string;
  readonly email?: string;
  readonly session_id?: string;
  readonly [claim: string]: unknown;
}

/** Why the engine itself found no usable session (the provider's refusal codes come on top). */
export type EngineReason =
  /** The path is ignored by the route table: no session work was done at all. */
  | 'not_checked'
  | 'no_session'
  | 'malformed_cookie'
  | 'invalid_token'
  /** The access token expired and this operation may not renew it (a server guard). */
  | 'session_expired'
  | 'signed_out'
  /** A refresh answered with a session of another user than the cookie's access token named: refused, cookies cleared. */
  | 'user_mismatch'
  /** The request carried valid sessions of two different users (cookie tossing): neither is used, nothing is cleared. */
  | 'ambiguous_session'
  /** The token is valid but its session or user was revoked (`revokeSession`, `revokeUser`, a sign-out through Lockstep): cookies cleared. */
  | 'session_revoked'
  /** The token could not be verified locally and the instance's budget of auth-server checks was spent; cookies kept. */
  | 'unverified_token';

/**
 * A provider's code for a final refusal of a refresh token (GoTrue's `refresh_token_already_used`,
 * OAuth's `invalid_grant`, …): lower-case snake case, declared in the provider's `refusalCodes`.
 * Open, because each backend has its own; the engine only checks the form (`isRefusalCode`).
 */
export type RefusalCode = string & { readonly __refusalCode?: never };

/** Why a user is not signed in: stable strings, they appear in events and 401 bodies. */
export type AnonymousReason = EngineReason | RefusalCode;

/**
 * What the code after the middleware may rely on. `unavailable` means the auth server could not
 * be reached and the token could not be renewed: the cookies are kept and the user is not
 * signed out, but nothing may be authorized on the strength of this request.
 */
export type AuthState =
  | { readonly kind: 'anonymous'; readonly reason: AnonymousReason }
  | {
      readonly kind: 'authenticated';
      readonly session: Session;
      /**
       * The user as the verify mode established it: from the verified token's claims (`claims`), the
       * auth server (`user`), or the unverified cookie (`session`). Prefer it to `session.user`,
       * which is whatever the cookie said.
       */
      readonly user: SessionUser;
      readonly claims: SessionClaims;
      /** How the access token was checked; `session` means it was not. */
      readonly verifiedBy: VerifyMode;
      /** True when this request renewed the session. */
      readonly refreshed: boolean;
      /**
       * `bearer`: the access token came in an `Authorization: Bearer` header (an API client), not in
       * the session cookies; `session.refreshToken` is empty and nothing is ever written. Absent for cookies.
       */
      readonly credential?: 'bearer';
    }
  | { readonly kind: 'unavailable'; readonly cause: UnavailableCause };

/**
 * Why the auth server gave no usable answer: never a reason to sign anyone out.
 * `unknown_refusal`: a 4xx that is not one of the provider's documented final refusals (a
 * gateway's "Invalid API key", a firewall's 403, a proxy's 404) — usually a misconfiguration;
 * the `auth.unavailable` event carries its status.
 */
export type UnavailableCause = 'network' | 'timeout' | 'server_error' | 'rate_limited' | 'protocol' | 'unknown_refusal';
