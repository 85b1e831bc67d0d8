// Sign-in operations (password, and the shared ending of every grant): cookies written, user sent on.
import type { CookieWrite } from '../cookies/cookie-write.js';
import { createCookiePlan } from '../cookies/cookie-write.js';
import { parseRequestCookies, type RequestCookie } from '../cookies/request-cookies.js';
import { emit } from '../events.js';
import type { RedirectOutcome } from '../outcome.js';
import type { RequestRecord } from '../request/request-record.js';
import { toRequestRecord, type RequestLike } from '../request/request-record.js';
import { redirectSignedIn } from '../response/response-policy.js';
import { sanitizeReturnTo } from '../response/return-to.js';
import type { AuthState, UnavailableCause } from '../session/session.js';
import { LockstepError } from '../errors.js';
import type { GrantResult } from '../session/session-provider.js';
import type { LockstepContext } from './lockstep-context.js';

/** The result of a sign-in. On success, render `redirect` (it carries the cookies); otherwise show the reason. */
export type SignInResult =
  | { readonly kind: 'signed_in'; readonly auth: Extract<AuthState, { kind: 'authenticated' }>; readonly redirect: RedirectOutcome }
  /**
   * GoTrue's reason, e.g. `invalid_credentials`, `email_not_confirmed`, or ours: `missing_code`,
   * `missing_code_verifier`, `cross_site_request` (another site's page posted the form: login CSRF),
   * `session_revoked` (signed in within the second of a sign-out everywhere: try again),
   * `no_session` / `user_mismatch` (`verifyFactor`).
   */
  | { readonly kind: 'rejected'; readonly reason: string }
  | { readonly kind: 'unavailable'; readonly cause: UnavailableCause };

/** Credentials for the password grant, and where to go afterwards (validated; unsafe values fall back to the default). */
export interface PasswordSignIn {
  readonly email: string;
  readonly password: string;
  readonly returnTo?: string | null;
}

/** Signs in with email and password; the redirect carries the new session's cookies. */
export async function signInWithPassword(ctx: LockstepContext, input: RequestLike, credentials: PasswordSignIn): Promise<SignInResult> {
  const now = ctx.now();
  const request = toRequestRecord(input);
  if (ctx.provider.signInWithPassword === undefined) throw new LockstepError('ERR_PROVIDER_UNSUPPORTED', 'This provider has no password sign-in.');
  // Checked before the credentials reach the auth server: a forged form must not sign the victim into the attacker's account.
  const crossSite = ctx.crossSite(request);
  if (crossSite !== null) return { kind: 'rejected', reason: crossSite };
  const grant = await ctx.provider.signInWithPassword({ email: credentials.email, password: credentials.password }, now);
  return finishSignIn(ctx, request, grant, credentials.returnTo ?? null, [], now);
}

/**
 * Turns a grant into a sign-in: decodes the issued token (it came straight from the auth server),
 * writes the session (plus `extraWrites`, e.g. clearing a used PKCE verifier), and redirects to the
 * validated return-to, or the default when it is missing, unsafe, or an auth page (a loop).
 */
export async function finishSignIn(
  ctx: LockstepContext,
  request: RequestRecord,
  grant: GrantResult,
  returnTo: string | null,
  extraWrites: readonly CookieWrite[],
  now: number,
): Promise<SignInResult> {
  if (grant.kind === 'rejected') return { kind: 'rejected', reason: grant.code };
  if (grant.kind === 'unavailable') return { kind: 'unavailable', cause: grant.cause };
  const check = await ctx.provider.check(grant.session, { kind: 'issued' }, now);
  // Revocations have whole seconds, like `iat`: a sign-in in the very second of a "sign out
  // everywhere" is refused as part of it (docs/revocation.md); a second later it goes through.
  if (check.kind === 'rejected' && check.reason === 'session_revoked') return { kind: 'rejected', reason: 'session_revoked' };
  if (check.kind !== 'valid') return { kind: 'unavailable', cause: 'protocol' };
  const cookies: RequestCookie[] = parseRequestCookies(request.headers.get('cookie'));
  const writes = [...ctx.provider.planWrite(cookies, grant.session, ctx.cookieAttributes(ctx.publicUrl(request)), now), ...extraWrites];
  const target = sanitizeReturnTo(returnTo);
  const location = target === null || ctx.responsePolicy.isAuthPage(target.split('?')[0] ?? target) ? ctx.responsePolicy.afterSignInPath : target;
  emit(ctx.onEvent, { type: 'session.signed_in', userId: check.user.id });
  return {
    kind: 'signed_in',
    auth: { kind: 'authenticated', session: grant.session, user: check.user, claims: check.claims, verifiedBy: ctx.defaultVerify, refreshed: false },
    redirect: redirectSignedIn(request.method, location, createCookiePlan(cookies, writes), 'signed_in'),
  };
}
