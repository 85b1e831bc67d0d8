// What every endpoint of the mock shares: the issuer, the client, the store, the signer, the clock.
import type { GrantStore, OidcUser } from './grants.js';
import type { Signer } from './signing.js';

/** The registered client, defaults applied. */
export interface RegisteredClient {
  readonly clientId: string;
  readonly clientSecret: string | null;
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
}

/** Settings the controls may change while the mock runs. */
export interface MutableSettings {
  accessTokenTtlSeconds: number;
  idTokenTtlSeconds: number;
  readonly codeTtlSeconds: number;
  readonly accessTokenAudience: string;
  /** Who the authorization endpoint approves; `null` denies (`access_denied`). */
  loginUser: OidcUser | null;
  /** The last authorization request's parameters, for tests that check what a client sent. */
  lastAuthorizeRequest: URLSearchParams | null;
}

/** The shared context. */
export interface MockContext {
  readonly issuer: string;
  readonly client: RegisteredClient;
  readonly store: GrantStore;
  readonly signer: Signer;
  readonly settings: MutableSettings;
  /** Unix seconds, read once per request. */
  readonly nowSeconds: () => number;
}
