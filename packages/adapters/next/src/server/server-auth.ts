// Server helpers (defense in depth, docs/contract-scenarios.md): read and guard the session in Server Components, Route Handlers and Server Actions.
import { capabilityOf, LockstepError, toWebResponse, type AuthState, type LockstepEffects, type PasswordSignIn, type SignInResult, type RouteRequirements, type SignOutScope, type VerifyMode } from '@lockstep/core';
import { guardDenial, guardResponse, signInResponse, writeCookies, type Authenticated, type GuardDenial, type GuardResponse, type SignInResponse } from '@lockstep/core/adapter';
import type { SupabaseClient } from '@lockstep/supabase';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { instanceFrom, type LockstepSource } from '../instance.js';
import { currentRequest } from './current-request.js';

/** The result of `guardHandler` / `guardAction`: the user, or what to answer instead. */
export type HandlerGuard = GuardResponse;
export type ActionGuard = { readonly kind: 'allowed'; readonly auth: Authenticated } | GuardDenial;

/** Thrown by `requireUser()` in a render when the auth server cannot be reached (a page cannot answer 503 itself). */
export class AuthUnavailableError extends LockstepError {
  override readonly name = 'AuthUnavailableError';

  constructor(message: string) {
    super('ERR_AUTH_UNAVAILABLE', message);
  }
}

/** The verify mode (the instance's default, `claims`, when absent) and requirements on top of the route's (`aal`, `recentSignIn`, `roles`, `claims`). */
export interface GuardOptions extends RouteRequirements {
  readonly mode?: VerifyMode;
}

/** `requireUser`'s options. */
export interface RequireUserOptions extends GuardOptions {
  /**
   * The page's own path, used as the login return-to when the proxy did not run for this request
   * (a path its matcher skips). Validated like any return-to; the proxy's value wins when present.
   */
  readonly returnTo?: string;
}

/**
 * Creates the server helpers. None of them refreshes or writes cookies except the sign-in and
 * sign-out helpers (which only run in Route Handlers and Server Actions); an expired session is
 * anonymous here, because the proxy in front refreshes it.
 *
 * @example
 * // lib/auth.ts
 * export const auth = createServerAuth(() => lockstepOptions());
 * // app/dashboard/page.tsx
 * const { user } = await auth.requireUser();
 */
export function createServerAuth(source: LockstepSource, effects?: LockstepEffects) {
  const instance = instanceFrom(source, effects);

  /** The session of the current request (Server Components, Server Actions). Never throws for a request's content. */
  const getAuth = async (options: GuardOptions = {}): Promise<AuthState> => {
    // The request first: during a build, headers() bails out of prerendering before any instance is made.
    const request = await currentRequest('GET');
    return instance().verifyRequest(request, options.mode);
  };

  /**
   * For Server Components and Server Actions: the verified user, or a redirect to the login page
   * with the current path as return-to (a same-origin redirect Next renders itself; in an action
   * the client follows it). With requirements (`{ aal: 'aal2' }`, `{ roles: ['admin'] }`), a user who
   * fails one is redirected to `stepUpPath` / `enrolPath` / `forbiddenPath`, or, without that page,
   * gets a `LockstepError` `ERR_ACCESS_DENIED`. Throws `AuthUnavailableError` while the auth server is down.
   */
  const requireUser = async (options: RequireUserOptions = {}): Promise<Authenticated> => {
    const { returnTo, ...check } = options;
    // The request before the instance: during a build, headers() bails out of prerendering first.
    const request = await currentRequest('GET', returnTo);
    const result = await instance().guard(request, { ...check, hint: { kind: 'document' } });
    if (result.kind === 'allowed') return result.auth;
    if (result.outcome.kind === 'redirect') return redirect(result.outcome.location);
    const { error, reason, requirement } = result.outcome.body;
    // A render cannot answer with a status: a failed requirement without a page to send the user to is an error the app's boundary shows.
    if (requirement !== undefined) throw new LockstepError('ERR_ACCESS_DENIED', `Access denied: ${reason} (${requirement}).`);
    throw new AuthUnavailableError(`Sign-in check failed: ${error} (${reason}).`);
  };

  /** For Route Handlers: the user, or the response to return (401 JSON for data requests, a login redirect for documents, 503). */
  const guardHandler = async (request: Request, options: GuardOptions = {}): Promise<HandlerGuard> => {
    return guardResponse(await instance().guard(request, options));
  };

  /** For Server Actions that answer data: the user, or a 401/503 value to return to the client (never a redirect). */
  const guardAction = async (options: GuardOptions = {}): Promise<ActionGuard> => {
    const request = await currentRequest('POST');
    const result = await instance().guard(request, { ...options, hint: { kind: 'action' } });
    return result.kind === 'allowed' ? result : guardDenial(result);
  };

  /** A supabase-js client acting as the verified user (RLS applies); it never refreshes or writes cookies. */
  const supabaseFor = (auth: Authenticated): SupabaseClient => capabilityOf(instance(), 'dataClient')(auth) as SupabaseClient;

  /** Route Handler sign-out: the redirect to the login page that clears the cookies (also when the auth server is down). */
  const signOutResponse = async (request: Request, scope?: SignOutScope): Promise<Response> =>
    toWebResponse((await instance().signOut(request, scope === undefined ? {} : { scope })).outcome);

  /** Server Action sign-out: clears the cookies through `cookies()` and redirects to the login page. */
  const signOut = async (scope?: SignOutScope): Promise<never> => {
    const request = await currentRequest('POST');
    const result = await instance().signOut(request, scope === undefined ? {} : { scope });
    // Next refuses cross-origin Server Actions itself; a refusal here means a misrouted request.
    if (result.kind === 'refused') throw new LockstepError('ERR_REQUEST_INVALID', 'Sign-out refused: the request came from another site.');
    // `cookies()` is the only way a Server Action can set cookies.
    writeCookies(await cookies(), result.outcome.cookies.writes);
    return redirect(result.outcome.location);
  };

  /** Server Action password sign-in: on success writes the cookies and redirects (never returns); otherwise returns the failure. */
  const signInWithPassword = async (credentials: PasswordSignIn): Promise<Exclude<SignInResult, { kind: 'signed_in' }>> => {
    const request = await currentRequest('POST');
    const result = await capabilityOf(instance(), 'signInWithPassword')(request, credentials);
    if (result.kind !== 'signed_in') return result;
    writeCookies(await cookies(), result.redirect.cookies.writes);
    return redirect(result.redirect.location);
  };

  /**
   * Route Handler password sign-in: the redirect with the session cookies, or `null` with the
   * failure. Unlike the Server Action form, its response keeps `Cache-Control: private, no-store`
   * (Next overwrites that header on every Server Action response).
   */
  const signInResponseFor = async (request: Request, credentials: PasswordSignIn): Promise<SignInResponse> =>
    signInResponse(await capabilityOf(instance(), 'signInWithPassword')(request, credentials));

  /** Route Handler for the OAuth / magic-link callback: the redirect with the session cookies, or `null` with the failure. */
  const exchangeCode = async (request: Request): Promise<SignInResponse> =>
    signInResponse(await capabilityOf(instance(), 'exchangeCode')(request));

  return Object.freeze({ getAuth, requireUser, guardHandler, guardAction, supabaseFor, signOut, signOutResponse, signInWithPassword, signInResponse: signInResponseFor, exchangeCode, lockstep: instance });
}

/** The helpers `createServerAuth` returns. */
export type ServerAuth = ReturnType<typeof createServerAuth>;
