// Sign-in, sign-out, callback and the user's Supabase client, bound to the current Node request.
import type { Lockstep, PasswordSignIn, SignInResult, SignOutResult, SignOutScope } from '@lockstep/core';
import { getAuth, stateOf, type NodeRequest } from './request-state.js';

/**
 * Password sign-in (parse the form yourself). On `signed_in`, send `result.redirect` with
 * `sendOutcome(res, result.redirect)`: it carries the session cookies.
 */
export function signInWithPassword(req: NodeRequest, credentials: PasswordSignIn): Promise<SignInResult> {
  const { instance, request } = stateOf(req);
  return instance.signInWithPassword(request, credentials);
}

/** The OAuth / magic-link callback (`?code=`); send `result.redirect` on success. */
export function exchangeCode(req: NodeRequest): Promise<SignInResult> {
  const { instance, request } = stateOf(req);
  return instance.exchangeCode(request);
}

/** Signs out (`local` by default); send `result.outcome`, the redirect that clears the cookies. */
export function signOut(req: NodeRequest, scope?: SignOutScope): Promise<SignOutResult> {
  const { instance, request } = stateOf(req);
  return instance.signOut(request, scope === undefined ? {} : { scope });
}

/** A supabase-js client acting as the verified user (RLS applies), or `null` when not authenticated. It never refreshes. */
export function supabaseFor(req: NodeRequest): ReturnType<Lockstep['supabaseFor']> | null {
  const { auth } = getAuth(req);
  return auth.kind === 'authenticated' ? stateOf(req).instance.supabaseFor(auth) : null;
}
