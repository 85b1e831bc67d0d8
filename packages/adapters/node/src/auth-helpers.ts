// Sign-in, sign-out, callback, the guard and the user's Supabase client, bound to the current Node request.
import { capabilityOf, type GuardResult, type PasswordSignIn, type SignInResult, type SignOutResult, type SignOutScope } from '@lockstep/core';
import { guardCheckOptions, type GuardCheck } from '@lockstep/core/adapter';
import type { SupabaseClient } from '@lockstep/supabase';
import { getAuth, stateOf, type NodeRequest } from './request-state.js';

/** Password sign-in (parse the form yourself). On `signed_in`, send `result.redirect` (`sendOutcome`): it carries the session cookies. */
export const signInWithPassword = (req: NodeRequest, credentials: PasswordSignIn): Promise<SignInResult> => capabilityOf(stateOf(req).instance, 'signInWithPassword')(stateOf(req).request, credentials);

/** The OAuth / magic-link callback (`?code=`); send `result.redirect` on success. */
export const exchangeCode = (req: NodeRequest): Promise<SignInResult> => capabilityOf(stateOf(req).instance, 'exchangeCode')(stateOf(req).request);

/** Signs out (`local` by default); send `result.outcome`, the redirect that clears the cookies (even when the auth server cannot be told). */
export const signOut = (req: NodeRequest, scope?: SignOutScope): Promise<SignOutResult> => stateOf(req).instance.signOut(stateOf(req).request, scope === undefined ? {} : { scope });

/** A supabase-js client acting as the verified user (RLS applies), or `null` when not authenticated. It never refreshes. */
export function supabaseFor(req: NodeRequest): SupabaseClient | null {
  const { auth } = getAuth(req);
  return auth.kind === 'authenticated' ? (capabilityOf(stateOf(req).instance, 'dataClient')(auth) as SupabaseClient) : null;
}

/**
 * Re-verifies the session the middleware forwarded, in the check's mode (the instance's default when
 * absent) and with its requirements on top of the route's, and records the result for `getAuth()`.
 * A denial carries the response the middleware would send (login redirect, 401 JSON, 503; a step-up
 * or 403 for a failed requirement). Never refreshes or writes cookies.
 */
export async function guardRequest(req: NodeRequest, check?: GuardCheck): Promise<GuardResult> {
  const state = stateOf(req);
  const result = await state.instance.guard(state.request, { ...guardCheckOptions(check), established: state.auth });
  state.auth = result.auth;
  return result;
}
