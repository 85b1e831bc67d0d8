// The sign-in callback (OAuth / magic link, DESIGN C25): the provider turns the callback request into a grant.
import { parseRequestCookies } from '../cookies/request-cookies.js';
import { LockstepError } from '../errors.js';
import { toRequestRecord, type RequestLike } from '../request/request-record.js';
import type { LockstepContext } from './lockstep-context.js';
import { finishSignIn, type SignInResult } from './sign-in.js';

/** Completes a sign-in flow at the callback path; the user goes to the validated `returnToParam` target. */
export async function exchangeCode(ctx: LockstepContext, input: RequestLike): Promise<SignInResult> {
  if (ctx.provider.completeCallback === undefined) throw new LockstepError('ERR_PROVIDER_UNSUPPORTED', 'This provider has no sign-in callback.');
  const now = ctx.now();
  const request = toRequestRecord(input);
  const cookies = parseRequestCookies(request.headers.get('cookie'));
  const callback = await ctx.provider.completeCallback(request, cookies, ctx.cookieAttributes(ctx.publicUrl(request)), now);
  if (callback.kind === 'rejected') return callback;
  const returnTo = callback.returnTo ?? request.url.searchParams.get(ctx.config.returnToParam);
  return finishSignIn(ctx, request, callback.grant, returnTo, callback.clear, now);
}
