// What one refresh-token grant ends in, and how a caller came by it.
import type { RefusalCode, Session, UnavailableCause } from '../session/session.js';

/** A refresh token's final refusal, in the provider's words (see `RefusalCode`). */
export type RefreshRejection = RefusalCode;

const REFUSAL_CODE = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * Whether a provider's refusal code has the form events and 401 bodies can carry (snake case, at
 * most 64 characters): a code that does not is a provider bug, answered as `invalid_grant`.
 */
export function isRefusalCode(code: string): code is RefusalCode {
  return REFUSAL_CODE.test(code);
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
