// GoTrue's final refusals, in one place: the only answers that may sign a user out (DESIGN §3.3).
import type { RefreshRejection } from '@lockstep/core/refresh';
import type { AnonymousReason } from '@lockstep/core';

/**
 * `POST /token?grant_type=refresh_token` (GoTrue `internal/api/token_refresh.go`,
 * `internal/tokens/service.go`; docs/auth-server.md "Refresh refusals"): always HTTP 400.
 * `validation_failed` there means a malformed refresh token or one "not issued by this server";
 * `invalid_grant` is the OAuth shape servers older than Nov 2024 answer with.
 */
const REFRESH_REFUSALS: ReadonlyMap<string, RefreshRejection> = new Map<string, RefreshRejection>([
  ['refresh_token_not_found', 'refresh_token_not_found'],
  ['refresh_token_already_used', 'refresh_token_already_used'],
  ['session_not_found', 'session_not_found'],
  ['session_expired', 'session_expired'],
  ['user_banned', 'user_banned'],
  ['user_not_found', 'user_not_found'],
  ['validation_failed', 'invalid_grant'],
  ['invalid_grant', 'invalid_grant'],
]);

/**
 * `GET /user` (GoTrue `internal/api/auth.go` requireAuthentication, `user.go`): 403 for a bad token,
 * a missing user or session, a ban; 400 for a `sub` that is not a UUID (`bad_jwt`) or an audience
 * mismatch (`validation_failed`). 401 `no_authorization` is left out on purpose: Lockstep always
 * sends the token, so that answer means something in between dropped the header.
 */
const USER_REFUSALS: ReadonlyMap<string, { readonly statuses: readonly number[]; readonly reason: AnonymousReason }> = new Map([
  ['bad_jwt', { statuses: [400, 403], reason: 'invalid_token' }],
  ['session_not_found', { statuses: [403], reason: 'session_not_found' }],
  ['user_not_found', { statuses: [403], reason: 'user_not_found' }],
  ['user_banned', { statuses: [403], reason: 'user_banned' }],
  ['validation_failed', { statuses: [400], reason: 'invalid_token' }],
] as const);

/** The refusal codes the Supabase provider signs a user out with (its `refusalCodes`). */
export const GOTRUE_REFUSAL_CODES: readonly RefreshRejection[] = Object.freeze([...new Set(REFRESH_REFUSALS.values())]);

/**
 * The rejection a refresh answer names, or `null` when it is not one of GoTrue's final refusals
 * (a gateway's 401 "Invalid API key", a firewall's 403, a proxy's 404): the session is then kept.
 *
 * @example
 * refreshRefusal(400, 'refresh_token_already_used'); // 'refresh_token_already_used'
 * refreshRefusal(401, null);                         // null
 */
export function refreshRefusal(status: number, code: string | null): RefreshRejection | null {
  if (status !== 400 || code === null) return null;
  return REFRESH_REFUSALS.get(code) ?? null;
}

/** The reason a `GET /user` answer signs the user out, or `null` when it is not a final refusal. */
export function userRefusal(status: number, code: string | null): AnonymousReason | null {
  if (code === null) return null;
  const refusal = USER_REFUSALS.get(code);
  return refusal !== undefined && refusal.statuses.includes(status) ? refusal.reason : null;
}
