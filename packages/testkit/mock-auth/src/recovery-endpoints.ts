// `POST /recover`, `POST /resend` and `GET /reauthenticate`: codes that go to the test hook instead of an email.
import { apiError } from './api-error.js';
import { validateEmail } from './email-address.js';
import { insertFlowState, issueOtp } from './flow-states.js';
import { fail, json, stringField, type Handler, type HandlerResult } from './handler-types.js';
import { sendSms } from './phone-auth.js';
import { validatePhone } from './phone-number.js';
import { readPkceParams } from './pkce.js';
import { resolveRedirect } from './redirects.js';
import { requireAuthentication } from './require-authentication.js';

const invalid = (message: string): HandlerResult => fail(apiError(400, 'validation_failed', message));

/** `POST /recover`: a `recovery` code for a known address; `{}` whether the address is known or not. */
export const recover: Handler = (state, request) => {
  const { body, nowMs } = request;
  const rawEmail = stringField(body, 'email') ?? '';
  if (rawEmail === '') return Promise.resolve(invalid('Password recovery requires an email'));
  const checked = validateEmail(rawEmail);
  if (checked.kind === 'invalid') return Promise.resolve(fail(checked.error));
  const pkce = readPkceParams(body.code_challenge, body.code_challenge_method);
  if (pkce.kind === 'invalid') return Promise.resolve(fail(pkce.error));
  const user = state.store.findUserByEmail(checked.email);
  if (user === undefined) return Promise.resolve(json(200, {}));
  const redirectTo = resolveRedirect(state, request.query.get('redirect_to'));
  const flow =
    pkce.kind === 'pkce'
      ? insertFlowState(
          state.store,
          { provider: 'email', authMethod: 'recovery', userId: user.id, redirectTo, challenge: pkce.challenge, method: pkce.method },
          nowMs,
        )
      : null;
  issueOtp(state.store, user, 'recovery', nowMs, flow, redirectTo);
  user.recoverySentAt = nowMs;
  return Promise.resolve(json(200, {}));
};

/** `POST /resend` for `signup`, `email_change`, `sms` and `phone_change`. */
export const resend: Handler = (state, request) => {
  const { body, nowMs } = request;
  const type = stringField(body, 'type') ?? '';
  const rawEmail = stringField(body, 'email') ?? '';
  const phone = stringField(body, 'phone') ?? '';
  const isEmailType = type === 'signup' || type === 'email_change';
  if (!isEmailType && type !== 'sms' && type !== 'phone_change') {
    return Promise.resolve(invalid('Missing one of these types: signup, email_change, sms, phone_change'));
  }
  const pkce = isEmailType ? readPkceParams(body.code_challenge, body.code_challenge_method) : ({ kind: 'none' } as const);
  if (pkce.kind === 'invalid') return Promise.resolve(fail(pkce.error));
  if (rawEmail === '' && type === 'signup') return Promise.resolve(invalid('Type provided requires an email address'));
  if (phone === '' && type === 'sms') return Promise.resolve(invalid('Type provided requires a phone number'));
  if (rawEmail !== '' && phone !== '') return Promise.resolve(invalid('Only an email address or phone number should be provided.'));
  if (rawEmail === '' && phone === '') return Promise.resolve(invalid('Missing email address or phone number'));
  if (phone !== '') return Promise.resolve(resendSms(state, type, phone, nowMs));
  const checked = validateEmail(rawEmail);
  if (checked.kind === 'invalid') return Promise.resolve(fail(checked.error));
  const user = state.store.findUserByEmail(checked.email);
  // Unknown users, confirmed sign-ups and absent email changes get `{}` and nothing is sent.
  if (user === undefined) return Promise.resolve(json(200, {}));
  if (type === 'signup' && user.emailConfirmedAt !== null) return Promise.resolve(json(200, {}));
  if (type === 'email_change' && user.newEmail === '') return Promise.resolve(json(200, {}));
  const redirectTo = resolveRedirect(state, request.query.get('redirect_to'));
  const flow =
    pkce.kind === 'pkce'
      ? insertFlowState(
          state.store,
          { provider: 'email', authMethod: type === 'signup' ? 'email/signup' : 'email_change', userId: user.id, redirectTo, challenge: pkce.challenge, method: pkce.method },
          nowMs,
        )
      : null;
  if (type === 'signup') {
    issueOtp(state.store, user, 'signup', nowMs, flow, redirectTo);
    user.confirmationSentAt = nowMs;
  } else {
    issueOtp(state.store, user, 'email_change', nowMs, flow, redirectTo, user.newEmail);
    if (state.settings.secureEmailChange && user.email !== '') issueOtp(state.store, user, 'email_change', nowMs, flow, redirectTo, user.email);
    user.emailChangeSentAt = nowMs;
  }
  return Promise.resolve(json(200, {}));
};

/** `POST /resend` for `sms` (an unconfirmed phone sign-up) and `phone_change` (a pending new number). */
function resendSms(state: Parameters<Handler>[0], type: string, rawPhone: string, nowMs: number): HandlerResult {
  if (!state.settings.phoneEnabled) return fail(apiError(400, 'phone_provider_disabled', 'Phone logins are disabled'));
  const checked = validatePhone(rawPhone);
  if (checked.kind === 'invalid') return fail(checked.error);
  const user = state.store.findUserByPhone(checked.phone);
  if (user === undefined || (type === 'sms' && user.phoneConfirmedAt !== null) || (type === 'phone_change' && user.newPhone === '')) {
    return json(200, {});
  }
  const refused =
    type === 'sms' ? sendSms(state, user, 'sms', user.phone, nowMs) : type === 'phone_change' ? sendSms(state, user, 'phone_change', user.newPhone, nowMs) : null;
  return refused === null ? json(200, {}) : fail(refused);
}

/** `GET /reauthenticate`: a nonce for `PUT /user` (read it with `controls.latestOtp(email)`, type `reauthentication`). */
export const reauthenticate: Handler = async (state, request) => {
  const auth = await requireAuthentication(state, request);
  if (auth.kind === 'error') return fail(auth.error);
  const { user } = auth;
  if (user.email === '' && user.phone === '') {
    return invalid('Reauthentication requires the user to have an email or a phone number');
  }
  if (user.email !== '' && user.emailConfirmedAt === null) {
    return fail(apiError(422, 'email_not_confirmed', 'Please verify your email first.'));
  }
  if (user.email === '' && user.phoneConfirmedAt === null) return fail(apiError(422, 'phone_not_confirmed', 'Please verify your phone first.'));
  // A phone-only user's nonce goes by "SMS": `latestOtp(phone)` reads it.
  issueOtp(state.store, user, 'reauthentication', request.nowMs, null, null, user.email === '' ? user.phone : user.email);
  user.reauthenticationSentAt = request.nowMs;
  return json(200, {});
};
