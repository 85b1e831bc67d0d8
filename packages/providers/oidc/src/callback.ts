// The sign-in callback (authorization code + PKCE): state, issuer and flow checked, code exchanged, ID token and nonce verified.
import type { CallbackResult, GrantResult } from '@lockstep/core';
import type { CookieAttributes, RequestCookie } from '@lockstep/core/cookies';
import { clearFlow, flowCookieName, readFlow } from './flow-cookie.js';
import { postForm } from './oauth-call.js';
import type { OidcRuntime, Resolved } from './runtime.js';
import { checkIdToken, readTokenAnswer } from './token-answer.js';
import { toSession } from './to-session.js';

// Error codes from the provider's redirect are shown to people and logged: keep them to a safe alphabet.
const ERROR_CODE = /^[a-z0-9_]{1,64}$/;

/** What the core hands the callback: the request's URL is all it reads of the request. */
export interface CallbackRequest {
  readonly url: URL;
}

/**
 * Completes a sign-in started by `startSignIn`. Refused before the code is spent: a provider error
 * (`access_denied`, …), a missing code or state, no flow cookie or an expired one, a `state` that
 * is not the flow's (CSRF), an `iss` that is not the issuer or is missing though the provider
 * promises it (mix-up, RFC 9207). Then the code is exchanged with the flow's PKCE verifier and
 * redirect URI; the ID token must verify and carry the flow's nonce. The flow cookie is cleared
 * once the code has been spent.
 */
export async function completeCallback(runtime: OidcRuntime, request: CallbackRequest, cookies: readonly RequestCookie[], attributes: CookieAttributes, now: number): Promise<CallbackResult> {
  const { config } = runtime;
  const params = request.url.searchParams;
  const error = params.get('error');
  if (error !== null) return { kind: 'rejected', reason: ERROR_CODE.test(error) ? error : 'provider_error' };
  const code = params.get('code');
  const state = params.get('state');
  if (code === null || code === '') return { kind: 'rejected', reason: 'missing_code' };
  if (state === null || state === '') return { kind: 'rejected', reason: 'missing_state' };
  const name = flowCookieName(runtime.cookieName);
  const read = readFlow(cookies, name);
  if (read.kind === 'none') return { kind: 'rejected', reason: 'missing_flow' };
  if (read.kind === 'malformed') return { kind: 'rejected', reason: 'invalid_flow' };
  const { flow } = read;
  if (now - flow.startedAt > config.flowMaxAgeSeconds || flow.startedAt > now + 60) return { kind: 'rejected', reason: 'flow_expired' };
  if (!constantTimeEqual(state, flow.state)) return { kind: 'rejected', reason: 'state_mismatch' };
  const resolved = await runtime.resolve(now);
  if (resolved.kind !== 'ok') return { kind: 'grant', grant: { kind: 'unavailable', cause: resolved.cause, ...(resolved.status === undefined ? {} : { status: resolved.status }) }, clear: [] };
  // RFC 9207 §2.4: a wrong `iss` is refused; so is a missing one from a provider that promises to send it.
  const iss = params.get('iss');
  if (iss === null ? resolved.metadata.issParameterSupported : iss !== config.issuer) return { kind: 'rejected', reason: iss === null ? 'missing_issuer' : 'issuer_mismatch' };
  const clear = clearFlow(cookies, name, attributes);
  return { kind: 'grant', grant: await exchange(runtime, resolved, code, flow, now), clear, returnTo: flow.returnTo };
}

async function exchange(runtime: OidcRuntime, resolved: Extract<Resolved, { kind: 'ok' }>, code: string, flow: { verifier: string; nonce: string; redirectUri: string }, now: number): Promise<GrantResult> {
  const answer = await postForm(runtime.config, runtime.environment, resolved.metadata.tokenEndpoint, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: flow.redirectUri,
    code_verifier: flow.verifier,
  });
  switch (answer.kind) {
    case 'unavailable':
      return answer;
    case 'error':
      // A spent, expired or forged code, or a verifier that does not match: the sign-in fails (nothing to keep).
      return { kind: 'rejected', code: answer.code !== null && ERROR_CODE.test(answer.code) ? answer.code : 'invalid_grant' };
    case 'ok': {
      const tokens = readTokenAnswer(answer.body);
      if (tokens === null) return { kind: 'unavailable', cause: 'protocol', status: answer.status };
      // The code flow of OpenID Connect always returns an ID token (OIDC Core §3.1.3.3).
      if (tokens.idToken === null) return { kind: 'rejected', code: 'missing_id_token' };
      const check = await checkIdToken(resolved.idTokens, tokens.idToken, now, runtime.config.clientId, { nonce: flow.nonce, sub: null });
      if (check.kind === 'invalid') return { kind: 'rejected', code: check.reason };
      const session = toSession(tokens, check.claims, now, null);
      // No refresh token (e.g. `offline_access` not granted) or no expiry: not a session Lockstep can keep.
      return session === null ? { kind: 'rejected', code: tokens.refreshToken === null ? 'missing_refresh_token' : 'invalid_token_answer' } : { kind: 'granted', session };
    }
  }
}

function constantTimeEqual(actual: string, expected: string): boolean {
  if (actual.length !== expected.length) return false;
  let difference = 0;
  for (let index = 0; index < expected.length; index++) difference |= actual.charCodeAt(index) ^ expected.charCodeAt(index);
  return difference === 0;
}
