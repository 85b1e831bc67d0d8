// The provider port: what the session engine needs from an auth backend (Supabase, or a custom one).
import type { Sha256, TokenHasher } from '../util/token-hash.js';
import type { CookieAttributes, CookieWrite } from '../cookies/cookie-write.js';
import type { RequestCookie } from '../cookies/request-cookies.js';
import type { RefreshResult } from '../refresh/refresh-result.js';
import type { RequestRecord } from '../request/request-record.js';
import type { VerifyMode } from '../routes/route-rule.js';
import type { PeekedToken } from '../verify/peek-token.js';
import type { AnonymousReason, RefusalCode, Session, SessionClaims, SessionUser, UnavailableCause } from './session.js';
import type { ResolvedCookieOptions } from '../cookies/cookie-attributes.js';

/** The session found in the request's cookies. */
export type SessionRead =
  | { readonly kind: 'none' }
  /** Unreadable or tampered cookies: cleared, and the user is anonymous (DESIGN §3.3). */
  | { readonly kind: 'malformed'; readonly reason: string }
  /**
   * `token`: the access token's `peekToken`, when the provider already has it (a cached read);
   * absent, the engine peeks itself.
   */
  | { readonly kind: 'present'; readonly session: Session; readonly token?: PeekedToken | null };

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
  | { readonly kind: 'unavailable'; readonly cause: UnavailableCause; readonly status?: number; readonly detail?: string }
  /**
   * No local key could verify the token and the instance's budget of auth-server checks for such
   * tokens is spent (see `ServerCheckBudget`): anonymous for this request, the cookies kept. Only
   * forged or exotic tokens get here; it keeps an anonymous client from driving the app's calls.
   */
  | { readonly kind: 'unverified' };

/** How a token reached the check: read from a cookie (check per mode) or just issued by the auth server to us. */
export type TokenSource = { readonly kind: 'cookie'; readonly mode: VerifyMode } | { readonly kind: 'issued' };

/** The answer to a sign-in grant (password, code): a session, the backend's refusal with its code, or no answer. */
export type GrantResult =
  | { readonly kind: 'granted'; readonly session: Session }
  /** `code` is the backend's error code (e.g. `invalid_credentials`), or `invalid_grant` when it sent none. */
  | { readonly kind: 'rejected'; readonly code: string }
  | { readonly kind: 'unavailable'; readonly cause: UnavailableCause; readonly status?: number };

/** Which sessions a sign-out ends: this one, all of the user's, or all but this one. */
export type SignOutScope = 'local' | 'global' | 'others';

/** A sign-in callback (OAuth / magic link): the grant, cookies to clear once used, and where to go. */
export type CallbackResult =
  | {
      readonly kind: 'grant';
      readonly grant: GrantResult;
      readonly clear: readonly CookieWrite[];
      /**
       * Where the user asked to go, when the provider carried it through the flow (an OIDC flow
       * cookie: an exact-match redirect URI cannot carry a query). Validated by the engine like the
       * query parameter; without it, the callback URL's return-to parameter is used.
       */
      readonly returnTo?: string | null;
    }
  | { readonly kind: 'rejected'; readonly reason: string };

/**
 * An auth backend. Each method classifies its own failures into the unions above and never throws
 * for anything a request can contain; a throw is a bug. The optional methods are capabilities: the
 * instance's type has the operation only when its provider has the method (`Lockstep<P>`).
 */
export interface SessionProvider {
  /** The session cookie's name (for configuration and debugging; never its value). */
  readonly cookieName: string;
  /** The auth server's base URL (for configuration and debugging). */
  readonly authUrl: string;
  /**
   * The codes this provider answers a refresh with when the backend refused the token for good
   * (`RefreshResult` `rejected`): the only answers that sign a user out. Everything else a backend
   * says is `unavailable`. Documented per provider; snake case (`isRefusalCode`).
   */
  readonly refusalCodes: readonly RefusalCode[];
  readSession(cookies: readonly RequestCookie[], now: number): Promise<SessionRead>;
  /** Cookie writes that turn the request's cookies into `session` (or clear them for `null`): only what changes. */
  planWrite(cookies: readonly RequestCookie[], session: Session | null, attributes: CookieAttributes, now: number): CookieWrite[];
  refresh(refreshToken: string, now: number): Promise<RefreshResult>;
  /**
   * Checks an access token. `issued` tokens came straight from the auth server in answer to our own
   * call, so decoding them is enough; `cookie` tokens are checked per mode (`claims`, `user`, `session`).
   */
  check(session: Session, source: TokenSource, now: number): Promise<TokenCheck>;
  /**
   * The access token's expiry, issue time and subject, decoded without verification: to time the
   * refresh and to make sure a refresh stays with the same user. `null` for an undecodable token.
   */
  peekToken(accessToken: string): PeekedToken | null;
  signInWithPassword?(credentials: { readonly email: string; readonly password: string }, now: number): Promise<GrantResult>;
  /**
   * Ends sessions at the backend; `ok` also when they were already gone. It gets the whole session
   * (access token still valid: renewed first if needed) so a backend can revoke by refresh token (RFC 7009).
   */
  endSession?(session: Session, scope: SignOutScope, now: number): Promise<{ readonly kind: 'ok' } | { readonly kind: 'unavailable'; readonly cause: UnavailableCause }>;
  completeCallback?(request: RequestRecord, cookies: readonly RequestCookie[], attributes: CookieAttributes, now: number): Promise<CallbackResult>;
  /** Cookies beyond the session's to delete on sign-out (e.g. unfinished sign-in flows). */
  signOutWrites?(cookies: readonly RequestCookie[], attributes: CookieAttributes): CookieWrite[];
  /**
   * A client of the backend's data API acting as the verified user (Supabase: a supabase-js client
   * under RLS). It must never refresh or write cookies: the session belongs to the engine.
   */
  dataClient?(accessToken: string): unknown;
  /**
   * Whether the user has a verified second factor (Supabase: a `verified` entry in `factors`); an
   * `aal: 'aal2'` route sends a user without one to `enrolPath`. `undefined` when it cannot tell.
   */
  hasVerifiedFactor?(user: SessionUser): boolean | undefined;
  /**
   * Whether a Bearer token is the app's API key rather than a user's access token (Supabase:
   * `sb_publishable_…`, `sb_secret_…` and the legacy `anon` / `service_role` JWTs, which supabase-js
   * sends as `Authorization` when no user is signed in). Such a header is ignored: the request is
   * decided on its cookies, as if it had none.
   */
  isApiKey?(token: string): boolean;
  /**
   * Checks a second factor for `session` (Supabase MFA: challenge and verify a TOTP or phone code)
   * and answers with the raised session, which replaces the user's (`lockstep.verifyFactor`).
   */
  verifyFactor?(session: Session, factor: { readonly factorId: string; readonly code: string }, now: number): Promise<GrantResult>;
}

/** What a provider may use from the instance: the injected `fetch`, the auth-call timeout and the cookie settings. */
export interface ProviderEnvironment {
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  /** The app's cookie settings, resolved: a provider names its cookies with `prefixStorageKey` (`__Host-`). */
  readonly cookies: ResolvedCookieOptions;
  /** The injected synchronous SHA-256 (`LockstepEffects.sha256`), for providers that key caches by token hash. */
  readonly sha256?: Sha256;
  /**
   * The instance's token hash (SHA-256, unpadded base64url): the injected `sha256`, else the
   * runtime's one-call native hash, else the built-in pure-JS one, self-tested at boot. Cache keys
   * come from it, so no cache holds a token or cookie value as a key. Always set by `createLockstep`.
   */
  readonly hashToken?: TokenHasher;
  /**
   * True when `hashToken` is native (the runtime's, or an injected `sha256`): tens of KB hash in
   * microseconds. False for the pure-JS fallback (Edge), where hashing a whole session cookie costs
   * more than decoding it, so caches keyed on cookie values stay off by default.
   */
  readonly nativeHash?: boolean;
}
