// Sign-in, sign-out, callback and the user's Supabase client, bound to the current Hono request.
import { capabilityOf, type PasswordSignIn, type SignInResult, type SignOutResult, type SignOutScope } from '@lockstep/core';
import type { SupabaseClient } from '@lockstep/supabase';
import type { Context } from 'hono';
import { lockstepOf } from './guard.js';

/**
 * Password sign-in. On `signed_in`, return `toWebResponse(result.redirect)`: it carries the cookies.
 *
 * @example
 * const result = await signInWithPassword(c, { email, password, returnTo: c.req.query('next') });
 * if (result.kind === 'signed_in') return toWebResponse(result.redirect);
 */
export function signInWithPassword(c: Context, credentials: PasswordSignIn): Promise<SignInResult> {
  return capabilityOf(lockstepOf(c), 'signInWithPassword')(c.req.raw, credentials);
}

/** The OAuth / magic-link callback (`?code=`); render `result.redirect` on success. */
export function exchangeCode(c: Context): Promise<SignInResult> {
  return capabilityOf(lockstepOf(c), 'exchangeCode')(c.req.raw);
}

/**
 * Signs out (`local` by default) and returns the redirect to the login page that clears the
 * cookies; they are cleared even when the auth server cannot be told.
 *
 * @example
 * app.post('/logout', async (c) => toWebResponse((await signOut(c)).outcome));
 */
export function signOut(c: Context, scope?: SignOutScope): Promise<SignOutResult> {
  return lockstepOf(c).signOut(c.req.raw, scope === undefined ? {} : { scope });
}

/** A supabase-js client acting as the verified user (RLS applies), or `null` when not authenticated. It never refreshes. */
export function supabaseFor(c: Context): SupabaseClient | null {
  const auth = c.get('auth');
  return auth.kind === 'authenticated' ? (capabilityOf(lockstepOf(c), 'dataClient')(auth) as SupabaseClient) : null;
}
