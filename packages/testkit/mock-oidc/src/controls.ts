// The mock's test-only controls: clock, outages, counters, users, sessions.
import type { OidcEndpoint, OidcFault } from './faults.js';
import type { OidcUser, RefreshTokenState } from './grants.js';
import type { OidcTokenResponse } from './token-answer.js';

/** The mock's clock: frozen (or the injected one) plus whatever `advance` added. */
export interface MockOidcClock {
  /** Epoch milliseconds. */
  now(): number;
  /** Unix seconds, as tokens carry them. */
  nowSeconds(): number;
  advance(seconds: number): void;
}

/** Test-only controls; none of them is reachable over HTTP. */
export interface MockOidcControls {
  /** Calls to one endpoint so far (faulted calls included). */
  calls(endpoint: OidcEndpoint): number;
  /** Calls to the token endpoint with the refresh_token grant. */
  refreshCalls(): number;
  resetCounters(): void;
  /** Injects an outage; earlier rules win; `times` limits it. `'*'` faults every endpoint. */
  fail(endpoint: OidcEndpoint | '*', fault: OidcFault, options?: { readonly times?: number }): void;
  clearFaults(): void;
  addUser(email: string, name?: string): OidcUser;
  /** Who the authorization endpoint approves from now on; `null` makes it answer `access_denied`. */
  signInAs(email: string | null): OidcUser | null;
  /** Tokens as the code grant would issue them (with `nonce` in the ID token), without a call or a counter. */
  issueTokens(email: string, options?: { readonly nonce?: string }): Promise<OidcTokenResponse>;
  /** Ends every login session of the user (a logout elsewhere): their refresh and access tokens die. */
  revokeUser(email: string): void;
  refreshTokenState(refreshToken: string): RefreshTokenState;
  /** Parameters of the last authorization request, or `null`. */
  lastAuthorizeRequest(): URLSearchParams | null;
  setAccessTokenTtl(seconds: number): void;
  setReuseInterval(seconds: number): void;
  /** Signs with a new RS256 key (new `kid`) from now on; the old key stays published unless `retire`. */
  rotateSigningKey(options?: { readonly retire?: boolean }): Promise<void>;
}
