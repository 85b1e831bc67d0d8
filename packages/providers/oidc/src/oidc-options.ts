// Options of the OIDC provider: the issuer and client, the flow, the cookie, how access tokens are checked.

/** How the client proves itself at the token and revocation endpoints (RFC 6749 §2.3, OIDC Core §9). */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';

/** Everything `oidc()` is configured with. Only `issuer` and `clientId` are required. */
export interface OidcOptions {
  /**
   * The issuer exactly as its discovery document states it (`iss` of its tokens), e.g.
   * `https://example.eu.auth0.com/` (Auth0 keeps the trailing slash). Discovery is fetched from
   * `<issuer>/.well-known/openid-configuration` on first use and cached.
   */
  readonly issuer: string;
  readonly clientId: string;
  /** A confidential client's secret; never logged or put in an error. Without it the client is public (PKCE only). */
  readonly clientSecret?: string;
  /** @default 'client_secret_basic' with a secret, 'none' without */
  readonly clientAuthMethod?: ClientAuthMethod;
  /**
   * The redirect URI registered at the provider: absolute (`https://app.example.com/auth/callback`), or a
   * path resolved against the request's origin when the sign-in starts. Serve Lockstep's callback there.
   * @default '/auth/callback'
   */
  readonly redirectUri?: string;
  /** `openid` is always sent. @default ['openid', 'profile', 'email', 'offline_access'] */
  readonly scopes?: readonly string[];
  /**
   * Extra authorization request parameters, e.g. `{ audience: 'https://api.example.com' }` for Auth0 JWT access
   * tokens. The protocol's own (`state`, `nonce`, `code_challenge`, …) cannot be overridden.
   */
  readonly authorizationParams?: Readonly<Record<string, string>>;
  /**
   * How access tokens are checked in `claims` mode. `jwt`: locally with the issuer's JWKS (`iss`, `aud`,
   * `exp`; RS256/ES256); a token that is not a JWT is asked about at the userinfo endpoint. `userinfo`:
   * always at the userinfo endpoint (opaque tokens, or JWTs without a usable `aud`, as Cognito's), with
   * at most `serverChecksPerMinute` calls per minute and answers remembered for a few minutes.
   * @default 'jwt'
   */
  readonly accessTokens?: 'jwt' | 'userinfo';
  /** Required `aud` of JWT access tokens (one of them, for a list). @default the client id */
  readonly audience?: string | readonly string[];
  /** Userinfo checks for tokens no local key can verify, per minute per instance. @default 120 */
  readonly serverChecksPerMinute?: number;
  /** The session cookie (chunked as `<name>.0`, `<name>.1`, … when large); always `HttpOnly`. @default 'lockstep-oidc' */
  readonly cookieName?: string;
  /** How long a started sign-in may take, in seconds (the flow cookie's lifetime). @default 600 */
  readonly flowMaxAgeSeconds?: number;
  /** Where the provider sends the browser after RP-initiated logout: absolute, or a path on the request's origin. @default '/' */
  readonly postLogoutRedirectUri?: string;
}

/** The defaults, in one place. */
export const OIDC_DEFAULTS = Object.freeze({
  redirectUri: '/auth/callback',
  scopes: Object.freeze(['openid', 'profile', 'email', 'offline_access']),
  accessTokens: 'jwt',
  serverChecksPerMinute: 120,
  cookieName: 'lockstep-oidc',
  flowMaxAgeSeconds: 600,
  postLogoutRedirectUri: '/',
} as const);
