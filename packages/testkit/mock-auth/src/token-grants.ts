// `POST /token`: the password, refresh_token and pkce grants (spec §2.1, §2.3, §2.6).
import { apiError } from './api-error.js';
import { fail, json, stringField, type Handler, type HandlerResult, type MockRequest } from './handler-types.js';
import { verifierMatches } from './pkce.js';
import { rotateRefreshToken, sessionIdOf } from './refresh-rotation.js';
import { buildTokenResponse, signIn } from './sessions.js';
import type { MockAuthState } from './state.js';
import { isBanned } from './users.js';

const badRequest = (code: string, message: string): HandlerResult => fail(apiError(400, code, message));

/** `grant_type=password`. */
export const passwordGrant: Handler = async (state, request) => {
  const email = stringField(request.body, 'email') ?? '';
  const phone = stringField(request.body, 'phone') ?? '';
  const password = stringField(request.body, 'password') ?? '';
  if (email !== '' && phone !== '') {
    return badRequest('validation_failed', 'Only an email address or phone number should be provided on login.');
  }
  if (email === '' && phone === '') return badRequest('validation_failed', 'missing email or phone');
  if (phone !== '' && !state.settings.phoneEnabled) return fail(apiError(422, 'phone_provider_disabled', 'Phone logins are disabled'));
  // `formatPhoneNumber`: no leading `+`, no spaces.
  const user = email === '' ? state.store.findUserByPhone(phone.replace(/^\+/, '').replaceAll(' ', '')) : state.store.findUserByEmail(email);
  if (user === undefined || user.password === null || user.password !== password) {
    return badRequest('invalid_credentials', 'Invalid login credentials');
  }
  if (isBanned(user, request.nowMs)) return badRequest('user_banned', 'User is banned');
  if (email !== '' && user.emailConfirmedAt === null) return badRequest('email_not_confirmed', 'Email not confirmed');
  if (phone !== '' && user.phoneConfirmedAt === null) return badRequest('phone_not_confirmed', 'Phone not confirmed');
  return json(200, await signIn(state, user, 'password', request.nowMs));
};

/** `grant_type=refresh_token`, serialized per session (spec §3.3 step 6). */
export const refreshTokenGrant: Handler = async (state, request) => {
  const presented = request.body.refresh_token;
  const sessionId = sessionIdOf(state.store, presented);
  if (sessionId === null) return refreshOnce(state, request, presented);
  return state.refreshLocks.run(sessionId, () => refreshOnce(state, request, presented));
};

async function refreshOnce(state: MockAuthState, request: MockRequest, presented: unknown): Promise<HandlerResult> {
  const outcome = rotateRefreshToken(state.store, state.settings, presented, request.nowMs);
  if (outcome.kind === 'rejected') return fail(outcome.error);
  const { user, session, token, cause } = outcome;
  const body = await buildTokenResponse(state, user, session, token, request.nowMs);
  // Debug headers of the real server (spec §2.3); only a 5-character prefix of the token.
  const headers: Record<string, string> = {
    'sb-auth-user-id': user.id,
    'sb-auth-session-id': session.id,
    'sb-auth-refresh-token-prefix': token.token.slice(0, 5),
  };
  if (cause !== 'replayed-child') headers['sb-auth-refresh-token-reuse'] = 'false';
  return json(200, body, headers);
}

/** `grant_type=pkce`: exchanges a flow state's auth code for a session; each code works once. */
export const pkceGrant: Handler = async (state, request) => {
  const authCode = stringField(request.body, 'auth_code') ?? '';
  const verifier = stringField(request.body, 'code_verifier') ?? '';
  if (authCode === '' || verifier === '') {
    return badRequest('validation_failed', 'invalid request: both auth code and code verifier should be non-empty');
  }
  const flow = [...state.store.flowStates.values()].find((f) => f.authCode === authCode);
  if (flow === undefined || flow.userId === null || flow.codeChallenge === null || flow.codeChallengeMethod === null) {
    return fail(apiError(404, 'flow_state_not_found', 'invalid flow state, no valid flow state found'));
  }
  const startedAt = flow.authMethod === 'magiclink' ? (flow.authCodeIssuedAt ?? flow.createdAt) : flow.createdAt;
  if (request.nowMs > startedAt + state.options.flowStateExpirySeconds * 1000) {
    return fail(apiError(422, 'flow_state_expired', 'invalid flow state, flow state has expired'));
  }
  if (!verifierMatches(verifier, flow.codeChallenge, flow.codeChallengeMethod)) {
    return badRequest('bad_code_verifier', 'code challenge does not match previously saved code verifier');
  }
  state.store.flowStates.delete(flow.id);
  const user = state.store.users.get(flow.userId);
  if (user === undefined) return fail(apiError(404, 'flow_state_not_found', 'invalid flow state, no valid flow state found'));
  if (isBanned(user, request.nowMs)) return badRequest('user_banned', 'User is banned');
  const extra = flow.authMethod === 'oauth' ? { providerToken: `mock-provider-token-${flow.provider}` } : {};
  return json(200, await signIn(state, user, flow.authMethod, request.nowMs, extra));
};

/** Any other `grant_type` (spec §2.1). */
export const unsupportedGrant: Handler = () =>
  Promise.resolve(badRequest('invalid_credentials', 'unsupported_grant_type'));
