// `POST /signup`: email sign-up (autoconfirmed by default) and, without email and phone, anonymous sign-in (spec §2.2).
import { apiError } from './api-error.js';
import { validateEmail } from './email-address.js';
import { insertFlowState, issueOtp } from './flow-states.js';
import { fail, json, objectField, stringField, type Handler, type HandlerResult } from './handler-types.js';
import { sendSms } from './phone-auth.js';
import { validatePhone } from './phone-number.js';
import { newUuid, toTimestamp } from './ids.js';
import { checkPassword } from './password-policy.js';
import { readPkceParams } from './pkce.js';
import { resolveRedirect } from './redirects.js';
import { signIn } from './sessions.js';
import { toUserJson } from './user-json.js';
import type { MockAuthState } from './state.js';
import type { UserRecord } from './records.js';
import { confirmEmail, confirmPhone, insertUser } from './users.js';

const INVALID_CHANNEL = "Invalid channel, supported values are 'sms' or 'whatsapp'. 'whatsapp' is only supported if Twilio or Twilio Verify is used as the provider.";

/** A phone sign-up: confirmed at once under `phoneAutoconfirm`, else an `sms` code goes to the test hook. */
async function phoneSignup(state: MockAuthState, rawPhone: string, password: string, data: Record<string, unknown>, nowMs: number): Promise<HandlerResult> {
  if (!state.settings.phoneEnabled) return fail(apiError(400, 'phone_provider_disabled', 'Phone signups are disabled'));
  const checked = validatePhone(rawPhone);
  if (checked.kind === 'invalid') return fail(checked.error);
  const existing = state.store.findUserByPhone(checked.phone);
  if (existing !== undefined && existing.phoneConfirmedAt !== null) return userExists(state, existing, 'phone', data, nowMs);
  const user = existing ?? insertUser(state.store, { email: '', phone: checked.phone, password, confirmed: false, userMetadata: data }, nowMs);
  if (state.settings.phoneAutoconfirm) {
    confirmPhone(user, nowMs);
    return json(200, await signIn(state, user, 'password', nowMs));
  }
  const refused = sendSms(state, user, 'sms', checked.phone, nowMs);
  if (refused !== null) return fail(refused);
  user.confirmationSentAt = nowMs;
  return json(200, toUserJson(user));
}

/**
 * A sign-up for a confirmed address: `422 user_already_exists` when either email or SMS autoconfirm
 * is on (GoTrue checks both), else a sanitized look-alike user so sign-up cannot probe for accounts.
 */
function userExists(state: MockAuthState, existing: UserRecord, provider: 'email' | 'phone', data: Record<string, unknown>, nowMs: number): HandlerResult {
  if (state.settings.autoconfirm || state.settings.phoneAutoconfirm) return fail(apiError(422, 'user_already_exists', 'User already registered'));
  const now = toTimestamp(nowMs);
  const { email_confirmed_at: _e, phone_confirmed_at: _p, confirmed_at: _c, last_sign_in_at: _l, email_change_sent_at: _s, new_email: _n, ...rest } = toUserJson(existing);
  return json(200, {
    ...rest,
    id: newUuid(),
    role: '',
    email: provider === 'email' ? existing.email : '',
    phone: provider === 'phone' ? existing.phone : '',
    confirmation_sent_at: now,
    app_metadata: { provider, providers: [provider] },
    user_metadata: data,
    identities: [],
    created_at: now,
    updated_at: now,
  });
}

const SIGNUP_DISABLED = (): ReturnType<typeof fail> => fail(apiError(422, 'signup_disabled', 'Signups not allowed for this instance'));

/** `POST /signup`, with GoTrue's check order (`validateSignupParams`, then the provider). */
export const signup: Handler = async (state, request) => {
  const { body, nowMs } = request;
  const email = stringField(body, 'email') ?? '';
  const phone = stringField(body, 'phone') ?? '';
  const password = stringField(body, 'password') ?? '';
  if (email === '' && phone === '') {
    // The router sends a sign-up without email and phone to `SignupAnonymously`.
    if (!state.settings.anonymousSignIns) return fail(apiError(422, 'anonymous_provider_disabled', 'Anonymous sign-ins are disabled'));
    if (state.settings.disableSignup) return SIGNUP_DISABLED();
    const user = insertUser(state.store, { email: '', password: null, confirmed: false, userMetadata: objectField(body, 'data'), anonymous: true }, nowMs);
    return json(200, await signIn(state, user, 'anonymous', nowMs));
  }
  if (state.settings.disableSignup) return SIGNUP_DISABLED();
  if (password === '') return fail(apiError(400, 'validation_failed', 'Signup requires a valid password'));
  const weak = checkPassword(password);
  if (weak !== null) return fail(weak);
  if (email !== '' && phone !== '') {
    return fail(apiError(400, 'validation_failed', 'Only an email address or phone number should be provided on signup.'));
  }
  if (phone !== '' && (stringField(body, 'channel') || 'sms') !== 'sms') return fail(apiError(400, 'validation_failed', INVALID_CHANNEL));
  if (phone !== '' && (stringField(body, 'code_challenge') ?? '') !== '') {
    return fail(apiError(400, 'validation_failed', 'PKCE not supported for phone signups'));
  }
  const pkce = readPkceParams(body.code_challenge, body.code_challenge_method);
  if (pkce.kind === 'invalid') return fail(pkce.error);
  if (phone !== '') return phoneSignup(state, phone, password, objectField(body, 'data'), nowMs);
  const checked = validateEmail(email);
  if (checked.kind === 'invalid') return fail(checked.error);

  const autoconfirm = state.settings.autoconfirm;
  const data = objectField(body, 'data');
  const existing = state.store.findUserByEmail(checked.email);
  if (existing !== undefined && existing.emailConfirmedAt !== null) return userExists(state, existing, 'email', data, nowMs);
  // An unconfirmed user is not updated (GoTrue cannot trust the claimed identity): under autoconfirm
  // it is confirmed and signed in, otherwise its confirmation is sent again.
  const user = existing ?? insertUser(state.store, { email: checked.email, password, confirmed: autoconfirm, userMetadata: data }, nowMs);
  if (autoconfirm) {
    confirmEmail(user, nowMs);
    return json(200, await signIn(state, user, 'password', nowMs));
  }
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
