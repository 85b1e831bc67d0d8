// The Supabase sign-in callback (DESIGN C25): `?code=` plus the PKCE verifier cookie, exchanged at GoTrue.
import type { CookieAttributes } from '@lockstep/core/cookies';
import type { RequestCookie } from '@lockstep/core/cookies';
import type { RequestRecord } from '@lockstep/core/provider';
import type { CallbackResult } from '@lockstep/core';
import { exchangeCode } from './gotrue-api.js';
import type { GoTrueContext } from './gotrue-request.js';
import { clearCodeVerifiers, CODE_VERIFIER_SUFFIX, readStorageString } from './storage-item.js';

// Error codes from the provider's redirect are shown to people and logged: keep them to a safe alphabet.
const ERROR_CODE = /^[a-z0-9_]{1,64}$/;

/**
 * Completes a PKCE flow started by a supabase-js client (browser or server) with this storage key;
 * the verifier cookies are cleared once the code has been spent.
 */
export async function completeSupabaseCallback(
  gotrue: GoTrueContext,
  storageKey: string,
  request: RequestRecord,
  cookies: readonly RequestCookie[],
  attributes: CookieAttributes,
  now: number,
): Promise<CallbackResult> {
  const params = request.url.searchParams;
  const error = params.get('error_code') ?? params.get('error');
  if (error !== null) return { kind: 'rejected', reason: ERROR_CODE.test(error) ? error : 'provider_error' };
  const code = params.get('code');
  if (code === null || code === '') return { kind: 'rejected', reason: 'missing_code' };
  // auth-js stores `${verifier}/${redirectType}`; the verifier never contains a slash.
  const stored = await readStorageString(cookies, storageKey + CODE_VERIFIER_SUFFIX);
  const verifier = stored?.split('/')[0] ?? '';
  if (verifier === '') return { kind: 'rejected', reason: 'missing_code_verifier' };
  return { kind: 'grant', grant: await exchangeCode(gotrue, code, verifier, now), clear: clearCodeVerifiers(cookies, storageKey, attributes) };
}
