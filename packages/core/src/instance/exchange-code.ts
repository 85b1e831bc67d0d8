// The OAuth / magic-link callback (DESIGN C25): exchange `?code=` and the PKCE verifier cookie for a session.
import { parseRequestCookies } from '../cookies/request-cookies.js';
import { toRequestRecord, type RequestLike } from '../request/request-record.js';
import { exchangeCode as pkceGrant } from '../supabase/gotrue-api.js';
import { clearCodeVerifiers, CODE_VERIFIER_SUFFIX, readStorageString } from '../supabase/storage-item.js';
import type { LockstepContext } from './lockstep-context.js';
import { finishSignIn, type SignInResult } from './sign-in.js';

// Error codes from the provider's redirect are shown to people and logged: keep them to a safe alphabet.
const ERROR_CODE = /^[a-z0-9_]{1,64}$/;

/**
 * Completes a PKCE flow started by a supabase-js client (browser or server) with this storage key.
 * The verifier cookie is cleared once used; the user goes to the validated `returnToParam` target.
 */
export async function exchangeCode(ctx: LockstepContext, input: RequestLike): Promise<SignInResult> {
  const now = ctx.now();
  const request = toRequestRecord(input);
  const params = request.url.searchParams;
  const error = params.get('error_code') ?? params.get('error');
  if (error !== null) return { kind: 'rejected', reason: ERROR_CODE.test(error) ? error : 'provider_error' };
  const code = params.get('code');
  if (code === null || code === '') return { kind: 'rejected', reason: 'missing_code' };
  const cookies = parseRequestCookies(request.headers.get('cookie'));
  // auth-js stores `${verifier}/${redirectType}`; the verifier never contains a slash.
  const stored = await readStorageString(cookies, ctx.config.storageKey + CODE_VERIFIER_SUFFIX);
  const verifier = stored?.split('/')[0] ?? '';
  if (verifier === '') return { kind: 'rejected', reason: 'missing_code_verifier' };
  const grant = await pkceGrant(ctx.gotrue, code, verifier, now);
  const clearVerifiers = clearCodeVerifiers(cookies, ctx.config.storageKey, ctx.cookieAttributes(request.url));
  return finishSignIn(ctx, request, grant, params.get(ctx.config.returnToParam), clearVerifiers, now);
}
