// How a mock OIDC provider is set up: one client, seeded users, token lifetimes, the clock.

/** A user the authorization endpoint can approve. */
export interface SeedOidcUser {
  readonly email: string;
  /** @default the part of the email before `@` */
  readonly name?: string;
}

/** The one registered client (a relying party). */
export interface MockOidcClient {
  /** @default 'lockstep-test-client' */
  readonly clientId?: string;
  /** Absent: a public client (no client authentication, PKCE only). */
  readonly clientSecret?: string;
  /** Exact redirect URIs (no wildcards, as Okta and Auth0 require). @default ['http://app.test/auth/callback'] */
  readonly redirectUris?: readonly string[];
  /** Exact `post_logout_redirect_uri` values. @default ['http://app.test/'] */
  readonly postLogoutRedirectUris?: readonly string[];
}

/** Everything is optional. */
export interface MockOidcOptions {
  /** Base URL the in-process `fetch` answers (`startMockOidc` sets the loopback one). @default 'http://oidc.test' */
  readonly url?: string;
  /** Path of the issuer under `url`, e.g. `/realms/demo` as Keycloak has it. @default '' */
  readonly issuerPath?: string;
  readonly client?: MockOidcClient;
  /** The first one is approved by the authorization endpoint until `controls.signInAs` says otherwise. */
  readonly users?: readonly SeedOidcUser[];
  /** `aud` of access tokens. @default the client id */
  readonly accessTokenAudience?: string;
  /** @default 3600 */
  readonly accessTokenTtlSeconds?: number;
  /** @default 3600 */
  readonly idTokenTtlSeconds?: number;
  /** @default 60 */
  readonly codeTtlSeconds?: number;
  /** How long a spent refresh token still answers with the family's active one. @default 10 */
  readonly reuseIntervalSeconds?: number;
  /** The clock's start (epoch ms); it stays still and moves with `clock.advance`. @default Date.now() */
  readonly startTime?: number;
  /** An injected clock (epoch ms) instead of the frozen one; `clock.advance` adds to it. */
  readonly now?: () => number;
}

/** The defaults, in one place. */
export const MOCK_OIDC_DEFAULTS = Object.freeze({
  url: 'http://oidc.test',
  issuerPath: '',
  clientId: 'lockstep-test-client',
  redirectUris: Object.freeze(['http://app.test/auth/callback']),
  postLogoutRedirectUris: Object.freeze(['http://app.test/']),
  accessTokenTtlSeconds: 3600,
  idTokenTtlSeconds: 3600,
  codeTtlSeconds: 60,
  reuseIntervalSeconds: 10,
} as const);
