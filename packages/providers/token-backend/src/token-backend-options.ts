// Options of the generic token-backend provider (DESIGN §3.10, issue 9): endpoints, mappings, verification, cookie.
import type { RefreshRejection } from '@lockstep/core/refresh';
import type { SessionUser } from '@lockstep/core';

/** A request body for a token endpoint: JSON (the default) or `application/x-www-form-urlencoded`. */
export type TokenRequestBody =
  | { readonly json: unknown; readonly headers?: Readonly<Record<string, string>> }
  | { readonly form: Readonly<Record<string, string>>; readonly headers?: Readonly<Record<string, string>> };

/** What a login or refresh answer maps to. `expiresAt` (Unix seconds) or `expiresIn` (seconds from now). */
export interface TokenSet {
  readonly accessToken: string;
  /** Absent or empty on a refresh answer: the backend does not rotate, the old refresh token stays. Required on login. */
  readonly refreshToken?: string;
  readonly expiresAt?: number;
  readonly expiresIn?: number;
  readonly user?: SessionUser | null;
}

/** A deliberate 4xx answer of the backend, as the rejection classifier sees it (never a token). */
export interface TokenRejection {
  readonly status: number;
  /** The backend's error code (`code`, `error_code` or the OAuth `error` field), or `null`. */
  readonly code: string | null;
}

/** How a refresh answer that is not a success is read. */
export type RejectionVerdict =
  /** The refresh token is dead for good: cookies cleared, user signed out with this reason. */
  | { readonly kind: 'terminal'; readonly reason: RefreshRejection }
  /** Not a verdict on the token (e.g. a misrouted 404): the cookies are kept, the request gets 503. */
  | { readonly kind: 'transient' };

/** How the provider verifies access tokens in `claims` mode (JWTs only). */
export interface TokenBackendJwtOptions {
  /** The backend's key set (ES256/RS256). */
  readonly jwksUrl?: string;
  /** The shared HS256 secret. Never logged or put in an error. */
  readonly secret?: string;
  /** Required `iss`. */
  readonly issuer: string;
  /** Required `aud` (one of them, for a list). */
  readonly audience: string | readonly string[];
}

/** Everything `createTokenBackendProvider` is configured with. Only the two URLs and a way to verify are required. */
export interface TokenBackendOptions {
  /** Password grant: `POST` with `loginBody(credentials)`. */
  readonly loginUrl: string;
  /** Refresh grant: `POST` with `refreshBody(refreshToken)`. */
  readonly refreshUrl: string;
  /** Told on sign-out: `POST` with `Authorization: Bearer <access token>`. Without it, sign-out only clears the cookies. */
  readonly logoutUrl?: string;
  /**
   * The `user` verify mode (and the `claims` fallback for tokens no local key can check, or opaque
   * tokens): `GET` with `Authorization: Bearer <access token>`; 2xx = valid, 401/403 = revoked.
   */
  readonly userUrl?: string;
  /** Local verification of JWT access tokens in `claims` mode. Without it, `claims` asks `userUrl`. */
  readonly jwt?: TokenBackendJwtOptions;
  /** @default ({ email, password }) => ({ json: { email, password } }) */
  readonly loginBody?: (credentials: { readonly email: string; readonly password: string }) => TokenRequestBody;
  /** @default (refreshToken) => ({ json: { grant_type: 'refresh_token', refresh_token: refreshToken } }) */
  readonly refreshBody?: (refreshToken: string) => TokenRequestBody;
  /**
   * Reads a successful login/refresh answer. Return `null` for anything that is not a token set: it
   * is a protocol failure, never a session.
   * @default OAuth 2 fields: `access_token`, `refresh_token`, `expires_in` / `expires_at`, optional `user`
   */
  readonly mapTokens?: (body: unknown) => TokenSet | null;
  /** Reads the `userUrl` answer. @default an object (or its `user` field) with a string `id` or `sub` */
  readonly mapUser?: (body: unknown) => SessionUser | null;
  /**
   * Classifies a refresh answer with a 4xx JSON body. 429, 408, 409 and 5xx are always transient,
   * unparseable bodies always protocol failures; this decides the rest.
   * @default 400/401/403 terminal (reason from a known code, else `invalid_grant`); other 4xx transient
   */
  readonly classifyRejection?: (rejection: TokenRejection) => RejectionVerdict;
  /**
   * Every reason `classifyRejection` may answer `terminal` with (snake case): the engine signs a
   * user out only with a declared code, and reads any other as `invalid_grant`.
   * @default DEFAULT_REFUSAL_CODES (the default table's)
   */
  readonly refusalCodes?: readonly string[];
  /** Extra headers on every backend call (e.g. an API key). Never the user's tokens. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The session cookie (chunked as `<name>.0`, `<name>.1`, … when large). @default 'lockstep-session' */
  readonly cookieName?: string;
  /**
   * `HttpOnly` on the session cookie, whatever the instance's cookie options say: the browser never
   * needs the tokens (the proxy attaches them). @default true
   */
  readonly httpOnly?: boolean;
}

/** The defaults, in one place. */
export const TOKEN_BACKEND_DEFAULTS = Object.freeze({
  cookieName: 'lockstep-session',
  httpOnly: true,
  terminalStatuses: Object.freeze([400, 401, 403]),
} as const);
