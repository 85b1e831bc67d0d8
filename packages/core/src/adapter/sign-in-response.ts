// A sign-in's result with its success rendered as the Web response that carries the session cookies.
import type { SignInResult } from '../instance/sign-in.js';
import { toWebResponse } from '../response/web-response.js';

/** The redirect with the session cookies and the result, or `null` with the failure to show. */
export type SignInResponse =
  | { readonly response: Response; readonly result: Extract<SignInResult, { kind: 'signed_in' }> }
  | { readonly response: null; readonly result: Exclude<SignInResult, { kind: 'signed_in' }> };

/**
 * Renders a successful sign-in (password or callback) as its redirect response.
 *
 * @example
 * const { response, result } = signInResponse(await lockstep.exchangeCode(request));
 * return response ?? new Response(`Sign-in failed: ${result.kind}`, { status: 400 });
 */
export function signInResponse(result: SignInResult): SignInResponse {
  return result.kind === 'signed_in' ? { response: toWebResponse(result.redirect), result } : { response: null, result };
}
