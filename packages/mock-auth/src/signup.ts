// `POST /signup`: email sign-up, autoconfirmed by default (spec §2.2).
import { apiError } from './api-error.js';
import { validateEmail } from './email-address.js';
import { insertFlowState, issueOtp } from './flow-states.js';
import { fail, json, objectField, stringField, type Handler } from './handler-types.js';
import { newUuid, toTimestamp } from './ids.js';
import { checkPassword } from './password-policy.js';
import { readPkceParams } from './pkce.js';
import { resolveRedirect } from './redirects.js';
import { signIn } from './sessions.js';
import { toUserJson } from './user-json.js';
import { insertUser } from './users.js';

/** `POST /signup`. */
export const signup: Handler = async (state, request) => {
  const { body, nowMs } = request;
  const email = stringField(body, 'email') ?? '';
  const phone = stringField(body, 'phone') ?? '';
  const password = stringField(body, 'password') ?? '';
  if (email === '' && phone === '') {
    return fail(apiError(422, 'anonymous_provider_disabled', 'Anonymous sign-ins are disabled'));
  }
  if (email !== '' && phone !== '') {
    return fail(apiError(400, 'validation_failed', 'Only an email address or phone number should be provided on signup.'));
  }
  if (phone !== '') return fail(apiError(422, 'phone_provider_disabled', 'Phone signups are disabled'));
  if (password === '') return fail(apiError(400, 'validation_failed', 'Signup requires a valid password'));
  const checked = validateEmail(email);
  if (checked.kind === 'invalid') return fail(checked.error);
  const pkce = readPkceParams(body.code_challenge, body.code_challenge_method);
  if (pkce.kind === 'invalid') return fail(pkce.error);
  const weak = checkPassword(password);
  if (weak !== null) return fail(weak);

  const autoconfirm = state.settings.autoconfirm;
  const existing = state.store.findUserByEmail(email);
  if (existing !== undefined) {
    if (autoconfirm) return fail(apiError(422, 'user_already_exists', 'User already registered'));
    // Confirmations on: an obfuscated fake user, so sign-up cannot probe for accounts.
    const fake = { ...toUserJson(existing), id: newUuid(), identities: [], created_at: toTimestamp(nowMs) };
    return json(200, fake);
  }
  const user = insertUser(state.store, { email, password, confirmed: autoconfirm, userMetadata: objectField(body, 'data') }, nowMs);
  if (autoconfirm) return json(200, await signIn(state, user, 'password', nowMs));
  const redirectTo = resolveRedirect(state, request.query.get('redirect_to'));
  const flow =
    pkce.kind === 'pkce'
      ? insertFlowState(
          state.store,
          { provider: 'email', authMethod: 'email/signup', userId: user.id, redirectTo, challenge: pkce.challenge, method: pkce.method },
          nowMs,
        )
      : null;
  issueOtp(state.store, user, 'signup', nowMs, flow, redirectTo);
  return json(200, toUserJson(user));
};
