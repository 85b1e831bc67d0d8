// Which token-endpoint answers are final: one rule, with its sources, so nothing else ever signs anyone out.
import type { CallResult } from '@lockstep/core/provider';

/** The refusal codes this provider's refresh can end in (declared to the engine). */
export const REFUSAL_CODES: readonly string[] = Object.freeze(['invalid_grant']);

/**
 * The statuses at which providers send a dead refresh token's `invalid_grant`: RFC 6749 §5.2 says
 * 400 (Okta, Keycloak, Cognito, Zitadel); Auth0 answers 403; some gateways pass the provider's 401.
 */
export const REFUSAL_STATUSES: ReadonlySet<number> = new Set([400, 401, 403]);

/**
 * The one documented final refusal of a refresh (RFC 6749 §5.2, §6): `invalid_grant` in the JSON
 * body's `error` field, at a refusal status. `invalid_client`, `unauthorized_client`,
 * `invalid_request`, `invalid_scope`, `unsupported_grant_type` name a misconfiguration, not a dead
 * token; anything else at any other status (a gateway's 401, a firewall's 403, a proxy's 404) is
 * not the provider's verdict. Those keep the session (`unavailable`) — the user is never signed
 * out for them.
 *
 * @example
 * isFinalRefusal({ kind: 'error', status: 400, code: 'invalid_grant' }); // true
 * isFinalRefusal({ kind: 'error', status: 401, code: 'invalid_client' }); // false
 */
export function isFinalRefusal(answer: CallResult): boolean {
  return answer.kind === 'error' && REFUSAL_STATUSES.has(answer.status) && answer.code === 'invalid_grant';
}

/**
 * The userinfo endpoint's final refusal (RFC 6750 §3.1): `invalid_token`, at 401, in the
 * `WWW-Authenticate` challenge or the JSON body. A 403 `insufficient_scope` is a configuration
 * problem (the `openid` scope is missing), not a revoked token.
 */
export function isUserinfoRefusal(answer: CallResult): boolean {
  return answer.kind === 'error' && answer.status === 401 && answer.code === 'invalid_token';
}
