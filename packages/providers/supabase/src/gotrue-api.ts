// The GoTrue calls the core makes: token grants (refresh, password, PKCE), GET /user and logout.
import type { RefreshResult } from '@lockstep/core/refresh';
import type { AnonymousReason, SessionUser, UnavailableCause } from '@lockstep/core';
import type { GrantResult, SignOutScope } from '@lockstep/core';
import { callGoTrue, type GoTrueContext, type GoTrueResult } from './gotrue-request.js';
import { refreshRefusal, userRefusal } from './gotrue-refusals.js';
import { fromSupabaseJson, toUser } from './supabase-session.js';


/**
 * Spends a refresh token. Only one of GoTrue's final refusals (gotrue-refusals.ts) signs the user
 * out; every other answer — timeouts, 5xx, 429, 409, unreadable bodies, and any 4xx without a
 * documented code — is `unavailable` and keeps the cookies (DESIGN §3.3).
 *
 * @example
 * const result = await refreshSession(ctx, session.refreshToken, now);
 */
export async function refreshSession(ctx: GoTrueContext, refreshToken: string, now: number): Promise<RefreshResult> {
  const answer = await callGoTrue(ctx, {
    path: '/token?grant_type=refresh_token',
    method: 'POST',
    body: { refresh_token: refreshToken },
  });
  switch (answer.kind) {
    case 'unavailable':
      return answer;
    case 'error': {
      const reason = refreshRefusal(answer.status, answer.code);
      return reason === null ? { kind: 'unavailable', cause: 'unknown_refusal', status: answer.status } : { kind: 'rejected', reason };
    }
    case 'ok': {
      // A 200 that is not a session (GHSA-8fpg-xm3f-6cx3) is a protocol failure, never a sign-in.
      const session = fromSupabaseJson(answer.body, now);
      return session === null ? { kind: 'unavailable', cause: 'protocol', status: answer.status } : { kind: 'refreshed', session };
    }
  }
}

/** Signs in with email and password. */
export async function signInWithPassword(ctx: GoTrueContext, credentials: { email: string; password: string }, now: number): Promise<GrantResult> {
  return toGrantResult(await callGoTrue(ctx, { path: '/token?grant_type=password', method: 'POST', body: credentials }), now);
}

/** Exchanges a PKCE auth code and its verifier for a session (the OAuth / magic-link callback). */
export async function exchangeCode(ctx: GoTrueContext, authCode: string, codeVerifier: string, now: number): Promise<GrantResult> {
  const answer = await callGoTrue(ctx, {
    path: '/token?grant_type=pkce',
    method: 'POST',
    body: { auth_code: authCode, code_verifier: codeVerifier },
  });
  return toGrantResult(answer, now);
}

/** A GoTrue answer that should carry a session, as a grant: a 200 that is not one is a protocol failure. */
export function toGrantResult(answer: GoTrueResult, now: number): GrantResult {
  switch (answer.kind) {
    case 'unavailable':
      return answer;
    case 'error':
      return { kind: 'rejected', code: answer.code ?? 'invalid_grant' };
    case 'ok': {
      // A 200 that is not a session (GHSA-8fpg-xm3f-6cx3) is a protocol failure, never a sign-in.
      const session = fromSupabaseJson(answer.body, now);
      return session === null ? { kind: 'unavailable', cause: 'protocol', status: answer.status } : { kind: 'granted', session };
    }
  }
}

/** The answer of `GET /user`, the `user` verify mode's source of truth. */
export type UserCheck =
  | { readonly kind: 'ok'; readonly user: SessionUser }
  | { readonly kind: 'rejected'; readonly reason: AnonymousReason }
  | { readonly kind: 'unavailable'; readonly cause: UnavailableCause; readonly status?: number; readonly detail?: string };

/** Asks the auth server whether the access token's session and user are still valid (gotrue-contract §2.4, §6). */
export async function getUser(ctx: GoTrueContext, accessToken: string): Promise<UserCheck> {
  const answer = await callGoTrue(ctx, { path: '/user', method: 'GET', bearer: accessToken });
  switch (answer.kind) {
    case 'unavailable':
      return answer;
    case 'error': {
      const reason = userRefusal(answer.status, answer.code);
      return reason === null ? { kind: 'unavailable', cause: 'unknown_refusal', status: answer.status } : { kind: 'rejected', reason };
    }
    case 'ok': {
      const user = toUser(answer.body);
      return user === null ? { kind: 'unavailable', cause: 'protocol' } : { kind: 'ok', user };
    }
  }
}

/** Tells the auth server to end sessions. 401/403/404 mean "already signed out" and count as done. */
export async function signOut(ctx: GoTrueContext, accessToken: string, scope: SignOutScope): Promise<{ kind: 'ok' } | { kind: 'unavailable'; cause: UnavailableCause }> {
  const answer = await callGoTrue(ctx, { path: `/logout?scope=${scope}`, method: 'POST', bearer: accessToken });
  if (answer.kind === 'unavailable') return { kind: 'unavailable', cause: answer.cause };
  return { kind: 'ok' };
}
