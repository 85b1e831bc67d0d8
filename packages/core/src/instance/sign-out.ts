// Sign-out (DESIGN C24): tell the auth server, and clear the cookies even when it cannot be told.
import { createCookiePlan } from '../cookies/cookie-write.js';
import { parseRequestCookies } from '../cookies/request-cookies.js';
import { emit } from '../events.js';
import type { RedirectOutcome, RespondOutcome } from '../outcome.js';
import { toRequestRecord, type RequestLike } from '../request/request-record.js';
import { redirectSignedIn, respondCrossSite } from '../response/response-policy.js';
import type { Session } from '../session/session.js';
import type { SignOutScope } from '../session/session-provider.js';
import { timedCall } from '../trace/timed-call.js';
import type { LockstepContext } from './lockstep-context.js';

/**
 * What the auth server heard; the cookies are cleared in every case but `others`. Render `outcome`
 * either way (`toWebResponse`): a redirect to the login page with the cookie deletions, or a 403
 * for a sign-out another site's page sent (`refused`: nothing changed).
 */
export type SignOutResult =
  | {
      readonly kind: 'signed_out';
      /** `ok`: the server ended the session(s) (or they were already gone); `unavailable`: it could not be told. */
      readonly upstream: 'ok' | 'unavailable' | 'no_session';
      readonly outcome: RedirectOutcome;
    }
  | { readonly kind: 'refused'; readonly reason: 'cross_site_request'; readonly outcome: RespondOutcome };

/**
 * Signs the user out. `local` ends this session, `global` every session of the user, `others`
 * every other one (and keeps this one's cookies). An expired access token is renewed first
 * (through the coordinator) so the server can still be told which session to end.
 */
export async function signOut(ctx: LockstepContext, input: RequestLike, options: { readonly scope?: SignOutScope } = {}): Promise<SignOutResult> {
  const scope = options.scope ?? 'local';
  const now = ctx.now();
  const request = toRequestRecord(input);
  const cookies = parseRequestCookies(request.headers.get('cookie'));
  // Any method: a cross-site GET (an image tag) must not sign anyone out either.
  const crossSite = ctx.crossSite(request);
  if (crossSite !== null) return { kind: 'refused', reason: crossSite, outcome: respondCrossSite(createCookiePlan(cookies, [])) };
  const read = await ctx.provider.readSession(cookies, now);
  const { upstream, mark } = read.kind === 'present' ? await tellServer(ctx, read.session, scope, now) : { upstream: 'no_session' as const, mark: null };
  // Instances that verify locally must stop honouring the ended session(s) too (docs/revocation.md).
  if (mark !== null) await mark();
  const attributes = ctx.cookieAttributes(ctx.publicUrl(request));
  const writes = scope === 'others' ? [] : [...ctx.provider.planWrite(cookies, null, attributes, now), ...(ctx.provider.signOutWrites?.(cookies, attributes) ?? [])];
  if (scope !== 'others') emit(ctx.onEvent, { type: 'session.signed_out', reason: 'signed_out' });
  return { kind: 'signed_out', upstream, outcome: redirectSignedIn(request.method, ctx.config.loginPath, createCookiePlan(cookies, writes), 'signed_out') };
}

/** What the server heard, and the revocation to mark once it did (`null`: nothing verifiable to mark). */
interface Told {
  readonly upstream: 'ok' | 'unavailable';
  readonly mark: (() => Promise<void>) | null;
}

async function tellServer(ctx: LockstepContext, session: Session, scope: SignOutScope, now: number): Promise<Told> {
  let current = session;
  const exp = Math.min(session.expiresAt, ctx.provider.peekToken(session.accessToken)?.exp ?? Infinity);
  if (exp <= now) {
    // A backend without server-side sessions has nothing to end: clearing the cookies is the sign-out.
    if (ctx.provider.endSession === undefined) return { upstream: 'ok', mark: null };
    const { result } = await ctx.engine.coordinator.refresh(session.refreshToken, now, (at) => ctx.provider.refresh(session.refreshToken, at));
    // A rejected refresh means the session is already over at the server: nothing left to end.
    if (result.kind === 'rejected') return { upstream: 'ok', mark: null };
    if (result.kind === 'unavailable') return { upstream: 'unavailable', mark: null };
    current = result.session;
  }
  // Verified while live (an expired token only after its refresh: possession of the session, not of an
  // old token), and before the server ends it: a backend checked in `user` mode would refuse it after.
  const mark = await ctx.revocation.prepareSignOut(current, scope, now);
  if (ctx.provider.endSession === undefined) return { upstream: 'ok', mark };
  const endSession = ctx.provider.endSession.bind(ctx.provider);
  const answer = await timedCall(ctx.onEvent, 'logout', () => endSession(current, scope, now), (result) => ({ result: result.kind === 'ok' ? 'ok' : 'unavailable' }));
  if (answer.kind === 'unavailable') emit(ctx.onEvent, { type: 'auth.unavailable', operation: 'logout', cause: answer.cause });
  return { upstream: answer.kind, mark };
}
