// Sign-in, sign-out, callback and the user's Supabase client, bound to the current React Router request.
import { capabilityOf, type PasswordSignIn, type SignInResult, type SignOutResult, type SignOutScope } from '@lockstep/core';
import type { SupabaseClient } from '@lockstep/supabase';
import type { RouterContextProvider } from 'react-router';
import { getAuth, handoffOf } from './context.js';

/** The loader/action arguments the helpers read. */
export interface HelperArgs {
  readonly request: Request;
  readonly context: Readonly<RouterContextProvider>;
}

/**
 * Password sign-in. On `signed_in`, return `toWebResponse(result.redirect)` from the action: it
 * carries the session cookies (React Router turns it into a 202 redirect for `.data` submissions).
 *
 * @example
 * export async function action(args: Route.ActionArgs) {
 *   const form = await args.request.formData();
 *   const result = await signInWithPassword(args, { email: String(form.get('email')), password: String(form.get('password')), returnTo: args.url.searchParams.get('next') });
 *   if (result.kind === 'signed_in') return toWebResponse(result.redirect);
 *   return { error: result.kind === 'rejected' ? result.reason : 'unavailable' };
 * }
 */
export function signInWithPassword(args: HelperArgs, credentials: PasswordSignIn): Promise<SignInResult> {
  return capabilityOf(handoffOf(args.context).instance, 'signInWithPassword')(args.request, credentials);
}

/** The OAuth / magic-link callback (`?code=`); return `toWebResponse(result.redirect)` on success. */
export function exchangeCode(args: HelperArgs): Promise<SignInResult> {
  return capabilityOf(handoffOf(args.context).instance, 'exchangeCode')(args.request);
}

/**
 * Signs out (`local` by default) and returns the redirect to the login page that clears the
 * cookies; they are cleared even when the auth server cannot be told.
 *
 * @example
 * export const action = async (args: Route.ActionArgs) => toWebResponse((await signOut(args)).outcome);
 */
export function signOut(args: HelperArgs, scope?: SignOutScope): Promise<SignOutResult> {
  return handoffOf(args.context).instance.signOut(args.request, scope === undefined ? {} : { scope });
}

/** A supabase-js client acting as the verified user (RLS applies), or `null` when not authenticated. It never refreshes. */
export function supabaseFor(context: Readonly<RouterContextProvider>): SupabaseClient | null {
  const { auth } = getAuth(context);
  return auth.kind === 'authenticated' ? (capabilityOf(handoffOf(context).instance, 'dataClient')(auth) as SupabaseClient) : null;
}
