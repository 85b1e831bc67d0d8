// MFA step-up (DESIGN: assurance rules): the signed-in user proves a second factor; the raised session replaces theirs.
import { parseRequestCookies } from '../cookies/request-cookies.js';
import { toRequestRecord, type RequestLike } from '../request/request-record.js';
import type { LockstepContext } from './lockstep-context.js';
import { finishSignIn, type SignInResult } from './sign-in.js';

/** The factor to check and where to go afterwards (validated like every return-to). */
export interface FactorProof {
  readonly factorId: string;
  readonly code: string;
  readonly returnTo?: string | null;
}

/**
 * Verifies a second factor for the request's signed-in session and writes the raised (`aal2`)
 * session the auth server answers with, then redirects to the validated return-to — the page an
 * `aal: 'aal2'` rule sent the user from. Refused for a request another site sent, without a verified,
 * unexpired session, and when the answer names another user. A wrong code is the auth server's own
 * refusal (`rejected` with its code); the cookies stay as they are.
 *
 * @example
 * const result = await lockstep.verifyFactor(request, { factorId, code, returnTo: '/admin/billing' });
 * return result.kind === 'signed_in' ? toWebResponse(result.redirect) : showForm(result);
 */
export async function verifyFactor(ctx: LockstepContext, input: RequestLike, proof: FactorProof): Promise<SignInResult> {
  const verify = ctx.provider.verifyFactor?.bind(ctx.provider);
  if (verify === undefined) return { kind: 'rejected', reason: 'unsupported' };
  const now = ctx.now();
  const request = toRequestRecord(input);
  const crossSite = ctx.crossSite(request);
  if (crossSite !== null) return { kind: 'rejected', reason: crossSite };
  const read = await ctx.provider.readSession(parseRequestCookies(request.headers.get('cookie')), now);
  if (read.kind !== 'present') return { kind: 'rejected', reason: 'no_session' };
  // The factor is checked with this session's token: it must be one the app would accept right now.
  const current = await ctx.provider.check(read.session, { kind: 'cookie', mode: ctx.defaultVerify }, now);
  if (current.kind === 'unavailable') return { kind: 'unavailable', cause: current.cause };
  if (current.kind !== 'valid') return { kind: 'rejected', reason: current.kind === 'rejected' ? current.reason : 'unverified_token' };
  const grant = await verify(read.session, { factorId: proof.factorId, code: proof.code }, now);
  if (grant.kind === 'granted' && ctx.provider.peekToken(grant.session.accessToken)?.sub !== current.user.id) return { kind: 'rejected', reason: 'user_mismatch' };
  return finishSignIn(ctx, request, grant, proof.returnTo ?? null, [], now);
}
