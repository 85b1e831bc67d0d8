// A guard's result with its denial rendered: the response to send, or the error value to hand back where a response cannot go.
import type { GuardResult } from '../instance/guard-request.js';
import type { ErrorBody } from '../outcome.js';
import type { AuthState } from '../session/session.js';
import { toWebResponse } from '../response/web-response.js';
import type { Authenticated } from './auth-view.js';

/** `allowed` with the verified user, or `denied` with the Web response the middleware would have sent. */
export type GuardResponse =
  | { readonly kind: 'allowed'; readonly auth: Authenticated }
  /** `auth` is authenticated when a signed-in user failed a route requirement (step-up or forbidden). */
  | { readonly kind: 'denied'; readonly auth: AuthState; readonly response: Response };

/** A denial as a value (for RPC-style callers that cannot follow a redirect): a status and the error body. */
export type GuardDenial = { readonly kind: 'denied'; readonly status: 400 | 401 | 403 | 503; readonly error: ErrorBody };

/**
 * Renders a denied guard result as a Web `Response` (login redirect, 401 JSON, 503, 400).
 *
 * @example
 * const result = guardResponse(await lockstep.guard(request, { mode: 'user' }));
 * if (result.kind === 'denied') return result.response;
 */
export function guardResponse(result: GuardResult): GuardResponse {
  return result.kind === 'allowed' ? result : { kind: 'denied', auth: result.auth, response: toWebResponse(result.outcome) };
}

/**
 * A denied guard result as a status and error body, never a redirect: a decided response keeps its
 * status and body, a login redirect becomes 401 `unauthorized` with the anonymous reason, a step-up
 * redirect 401 `insufficient_user_authentication`, a forbidden one 403.
 */
export function guardDenial(result: Extract<GuardResult, { kind: 'denied' }>): GuardDenial {
  const { outcome, auth } = result;
  if (outcome.kind === 'respond') return { kind: 'denied', status: outcome.status, error: outcome.body };
  if (result.unmet !== undefined) {
    const { requirement, response } = result.unmet;
    return response === 'forbidden'
      ? { kind: 'denied', status: 403, error: { error: 'forbidden', reason: requirement === 'roles' ? 'insufficient_role' : 'insufficient_claims', requirement } }
      : { kind: 'denied', status: 401, error: { error: 'unauthorized', reason: 'insufficient_user_authentication', requirement } };
  }
  return { kind: 'denied', status: 401, error: { error: 'unauthorized', reason: auth.kind === 'anonymous' ? auth.reason : 'unavailable' } };
}
