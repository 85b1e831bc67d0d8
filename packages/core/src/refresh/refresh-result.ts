// What one refresh-token grant ends in, and how a caller came by it.
import type { AnonymousReason, Session, UnavailableCause } from '../session/session.js';

/**
 * Why the auth server refused a refresh token for good (gotrue-contract §3.6): the subset of
 * `AnonymousReason` that a refresh can end in, so it doubles as the reason the user was signed out.
 */
export type RefreshRejection = Exclude<AnonymousReason, 'not_checked' | 'no_session' | 'malformed_cookie' | 'invalid_token' | 'signed_out' | 'user_mismatch' | 'ambiguous_session'>;

const REFRESH_REJECTIONS: ReadonlySet<string> = new Set<RefreshRejection>([
  'refresh_token_not_found',
  'refresh_token_already_used',
  'session_expired',
  'session_not_found',
  'user_banned',
  'user_not_found',
  'invalid_grant',
]);

/**
 * The rejection an auth server's error code names, or `null` when the code names none: an answer
 * without a known code is not a verdict on the token (a gateway, a firewall, a misrouted proxy).
 *
 * @example
 * namedRefreshRejection('refresh_token_already_used'); // 'refresh_token_already_used'
 * namedRefreshRejection('Invalid API key');            // null
 */
export function namedRefreshRejection(code: string | null): RefreshRejection | null {
  return code !== null && REFRESH_REJECTIONS.has(code) ? (code as RefreshRejection) : null;
}

/**
 * The outcome of spending a refresh token.
 * - `refreshed`: a new session; the caller writes its cookies.
 * - `rejected`: terminal; the caller clears the auth cookies and signs the user out.
 * - `unavailable`: transient (network, timeout, 5xx, 429); the caller keeps the cookies.
 *
 * @example
 * switch (result.kind) {
 *   case 'refreshed': return writeSession(result.session);
 *   case 'rejected': return signOut(result.reason);
 *   case 'unavailable': return retryLater(result.cause);
 * }
 */
export type RefreshResult =
  | { readonly kind: 'refreshed'; readonly session: Session }
  | { readonly kind: 'rejected'; readonly reason: RefreshRejection }
  | { readonly kind: 'unavailable'; readonly cause: UnavailableCause; readonly status?: number; readonly detail?: string };

/**
 * How a caller of the refresh coordinator got its result:
 * - `upstream`: this caller's own call to the auth server;
 * - `joined`: a refresh another caller had already started (in this process or, through a shared
 *   store, in another one);
 * - `successor`: the token was already spent and its successor came from the cache, with no call.
 */
export type RefreshVia = 'upstream' | 'joined' | 'successor';
