// Email OTP and magic links: `POST /otp`, `POST /verify` and `GET /verify` (spec §2.8).
import { apiError } from './api-error.js';
import { validateEmail } from './email-address.js';
import { insertFlowState, issueOtp } from './flow-states.js';
import { fail, json, objectField, stringField, type Handler, type HandlerResult } from './handler-types.js';
import { applySmsCode, sendSms, SMS_OTP_EXPIRY_MS } from './phone-auth.js';
import { validatePhone } from './phone-number.js';
import { readPkceParams } from './pkce.js';
import { confirmEmailChange, SINGLE_CONFIRMATION } from './email-change.js';
import type { OtpRecord, UserRecord } from './records.js';
import { resolveRedirect, withFragment, withQuery } from './redirects.js';
import { signIn } from './sessions.js';
import type { MockAuthState } from './state.js';
import { confirmEmail, insertUser, isBanned } from './users.js';

/**
 * `POST /otp`: stores a code (read it with `controls.latestOtp`); answers `{}`. Checks run in
 * GoTrue's order: email and phone together, a channel with an email, PKCE, `create_user: false`
 * for an unknown user, then the email itself (`otp.go`, `magic_link.go`).
 */
export const sendOtp: Handler = (state, request) => {
  const { body, nowMs } = request;
  const rawEmail = stringField(body, 'email') ?? '';
  const phone = stringField(body, 'phone') ?? '';
  const invalid = (message: string) => Promise.resolve(fail(apiError(400, 'validation_failed', message)));
  if (rawEmail !== '' && phone !== '') return invalid('Only an email address or phone number should be provided');
  if (rawEmail !== '' && (stringField(body, 'channel') ?? '') !== '') return invalid('Channel should only be specified with Phone OTP');
  const pkce = readPkceParams(body.code_challenge, body.code_challenge_method);
  if (pkce.kind === 'invalid') return Promise.resolve(fail(pkce.error));
  if (rawEmail === '' && phone === '') return invalid('One of email or phone must be set');
  if (rawEmail === '') return Promise.resolve(sendPhoneOtp(state, phone, body, nowMs));
  const checked = validateEmail(rawEmail);
  // `shouldCreateUser` validates first but answers any failure, a bad address included, with `otp_disabled`.
  if (body.create_user === false && (checked.kind === 'invalid' || state.store.findUserByEmail(checked.email) === undefined)) {
    return Promise.resolve(fail(apiError(422, 'otp_disabled', 'Signups not allowed for otp')));
  }
  if (checked.kind === 'invalid') return Promise.resolve(fail(checked.error));
  const email = checked.email;
  let user = state.store.findUserByEmail(email);
  let type = 'magiclink';
  if (user === undefined) {
    // A new address goes through sign-up: refused when sign-ups are off; with autoconfirm the user is
    // confirmed at once and gets a magic link, otherwise the confirmation email is the link.
    if (state.settings.disableSignup) return Promise.resolve(fail(apiError(422, 'signup_disabled', 'Signups not allowed for this instance')));
    const autoconfirm = state.settings.autoconfirm;
    user = insertUser(state.store, { email, password: null, confirmed: autoconfirm, userMetadata: objectField(body, 'data') }, nowMs);
    type = autoconfirm ? 'magiclink' : 'signup';
  }
  const redirectTo = resolveRedirect(state, request.query.get('redirect_to'));
  const flow =
    pkce.kind === 'pkce'
      ? insertFlowState(
          state.store,
          { provider: 'email', authMethod: 'magiclink', userId: user.id, redirectTo, challenge: pkce.challenge, method: pkce.method },
          nowMs,
        )
      : null;
  issueOtp(state.store, user, type, nowMs, flow, redirectTo);
  return Promise.resolve(json(200, {}));
};

/** `POST /magiclink` (the older email-only endpoint): `/otp` for an email, which it requires. */
export const sendMagicLink: Handler = (state, request) => {
  if ((stringField(request.body, 'email') ?? '') === '') {
    return Promise.resolve(fail(apiError(400, 'validation_failed', 'An email address is required')));
  }
  return sendOtp(state, { ...request, body: { ...request.body, phone: undefined } });
};

/** `SmsOtp`: an `sms` code for a known number, or a phone sign-up for a new one (`create_user` allowing). */
function sendPhoneOtp(state: MockAuthState, rawPhone: string, body: Readonly<Record<string, unknown>>, nowMs: number): HandlerResult {
  const checked = validatePhone(rawPhone);
  const known = checked.kind === 'ok' ? state.store.findUserByPhone(checked.phone) : undefined;
  if (body.create_user === false && known === undefined) return fail(apiError(422, 'otp_disabled', 'Signups not allowed for otp'));
  if (!state.settings.phoneEnabled) return fail(apiError(400, 'phone_provider_disabled', 'Unsupported phone provider'));
  if (checked.kind === 'invalid') return fail(checked.error);
  if ((stringField(body, 'channel') || 'sms') !== 'sms') {
    return fail(apiError(400, 'validation_failed', "Invalid channel, supported values are 'sms' or 'whatsapp'. 'whatsapp' is only supported if Twilio or Twilio Verify is used as the provider."));
  }
  let user = known;
  if (user === undefined) {
    if (state.settings.disableSignup) return fail(apiError(422, 'signup_disabled', 'Signups not allowed for this instance'));
    user = insertUser(state.store, { email: '', phone: checked.phone, password: null, confirmed: false, userMetadata: objectField(body, 'data') }, nowMs);
  }
  const refused = sendSms(state, user, 'sms', checked.phone, nowMs);
  return refused === null ? json(200, {}) : fail(refused);
}

/** Which stored codes each verification type accepts (GoTrue checks the token column of the type). */
const ACCEPTED_CODES: Readonly<Record<string, readonly string[]>> = {
  email: ['signup', 'invite', 'magiclink', 'recovery'],
  signup: ['signup', 'invite'],
  invite: ['signup', 'invite'],
  magiclink: ['magiclink', 'recovery'],
  recovery: ['magiclink', 'recovery'],
  email_change: ['email_change'],
};

/** `POST /verify`: email + token or token_hash → session (amr `otp`); single use. */
export const verifyPost: Handler = async (state, request) => {
  const { body, nowMs } = request;
  const type = stringField(body, 'type') ?? '';
  const token = stringField(body, 'token') ?? '';
  const tokenHash = stringField(body, 'token_hash') ?? '';
  const email = (stringField(body, 'email') ?? '').trim().toLowerCase();
  if (type === 'sms' || type === 'phone_change') return verifySms(state, type, stringField(body, 'phone') ?? '', token, nowMs);
  const accepted = ACCEPTED_CODES[type];
  if (accepted === undefined) return fail(apiError(400, 'validation_failed', `Verify requires a verification type`));
  const byHash = tokenHash !== '';
  if (!byHash && (token === '' || email === '')) {
    return fail(apiError(400, 'validation_failed', 'Verify requires either a token or a token hash'));
  }
  const otp = findOtp(state, nowMs, (o) => accepted.includes(o.type) && (byHash ? o.tokenHash === tokenHash : o.email === email && o.otp === token));
  if (otp === undefined) {
    return fail(apiError(403, 'otp_expired', byHash ? 'Email link is invalid or has expired' : 'Token has expired or is invalid'));
  }
  const user = state.store.users.get(otp.userId);
  if (user === undefined) return fail(apiError(403, 'otp_expired', 'Token has expired or is invalid'));
  if (isBanned(user, nowMs)) return fail(apiError(403, 'user_banned', 'User is banned'));
  if (consume(state, otp, user, nowMs) === 'pending') return json(200, SINGLE_CONFIRMATION);
  return json(200, await signIn(state, user, 'otp', nowMs));
};

/** `GET /verify?token=<hash>&type=...&redirect_to=...`: the email link; 303 with a fragment or `?code=`. */
export const verifyGet: Handler = async (state, request) => {
  const { query, nowMs } = request;
  const tokenHash = query.get('token') ?? '';
  const type = query.get('type') ?? '';
  const accepted = ACCEPTED_CODES[type];
  const otp = findOtp(state, nowMs, (o) => o.tokenHash === tokenHash && (type === '' || accepted?.includes(o.type) === true));
  const target = resolveRedirect(state, query.get('redirect_to') ?? otp?.redirectTo ?? null);
  const user = otp === undefined ? undefined : state.store.users.get(otp.userId);
  if (otp === undefined || user === undefined || isBanned(user, nowMs)) {
    const params = { error: 'access_denied', error_code: 'otp_expired', error_description: 'Email link is invalid or has expired' };
    const location = tokenHash.startsWith('pkce_') ? withQuery(target, params) : target;
    return { kind: 'redirect', status: 303, location: withFragment(location, { ...params, sb: '' }) };
  }
  if (consume(state, otp, user, nowMs) === 'pending') {
    return { kind: 'redirect', status: 303, location: withFragment(target, { message: SINGLE_CONFIRMATION.msg, sb: '' }) };
  }
  const flow = otp.flowStateId === null ? undefined : state.store.flowStates.get(otp.flowStateId);
  if (flow !== undefined) {
    flow.authCodeIssuedAt = nowMs;
    return { kind: 'redirect', status: 303, location: withQuery(flow.redirectTo, { code: flow.authCode }) };
  }
  const session = await signIn(state, user, 'otp', nowMs);
  const fragment = {
    access_token: session.access_token,
    expires_at: String(session.expires_at),
    expires_in: String(session.expires_in),
    refresh_token: session.refresh_token,
    sb: '',
    token_type: 'bearer',
    type: type === '' ? otp.type : type,
  };
  return { kind: 'redirect', status: 303, location: withFragment(target, fragment) };
};

/** `POST /verify` with `type=sms|phone_change`: the phone and its one-minute code → session (amr `otp`). */
async function verifySms(state: MockAuthState, type: 'sms' | 'phone_change', rawPhone: string, token: string, nowMs: number): Promise<HandlerResult> {
  if (rawPhone === '' || token === '') return fail(apiError(400, 'validation_failed', 'Verify requires either a token or a token hash'));
  const phone = rawPhone.replace(/^\+/, '').replaceAll(' ', '');
  const otp = state.store.otps.find((o) => o.type === type && o.email === phone && o.otp === token && nowMs <= o.createdAt + SMS_OTP_EXPIRY_MS);
  const user = otp === undefined ? undefined : state.store.users.get(otp.userId);
  if (otp === undefined || user === undefined) return fail(apiError(403, 'otp_expired', 'Token has expired or is invalid'));
  if (isBanned(user, nowMs)) return fail(apiError(403, 'user_banned', 'User is banned'));
  state.store.removeOtps((o) => o === otp);
  applySmsCode(user, type, nowMs);
  return json(200, await signIn(state, user, 'otp', nowMs));
}

function findOtp(state: MockAuthState, nowMs: number, match: (otp: OtpRecord) => boolean): OtpRecord | undefined {
  const expiryMs = state.options.otpExpirySeconds * 1000;
  return state.store.otps.find((o) => match(o) && nowMs <= o.createdAt + expiryMs);
}

/** Spends the code (single use) and applies it: an email change, or the confirmation of the address. */
function consume(state: MockAuthState, otp: OtpRecord, user: UserRecord, nowMs: number): 'pending' | 'done' {
  state.store.removeOtps((o) => o === otp);
  if (otp.type === 'email_change') return confirmEmailChange(state, user, nowMs) === 'pending' ? 'pending' : 'done';
  if (otp.type === 'recovery' || otp.type === 'magiclink') user.recoverySentAt = null;
  confirmEmail(user, nowMs);
  return 'done';
}
