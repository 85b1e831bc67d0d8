// `POST /admin/generate_link` and `POST /invite` (service-role key): the links and codes GoTrue would
// email, answered to the caller instead (`mail.go adminGenerateLink`, `invite.go`).
import { requireAdmin } from './admin-endpoints.js';
import { apiError } from './api-error.js';
import { validateEmail } from './email-address.js';
import { issueOtp } from './flow-states.js';
import { fail, json, objectField, stringField, type Handler, type HandlerResult } from './handler-types.js';
import { newSecret } from './ids.js';
import { checkPassword } from './password-policy.js';
import type { UserRecord } from './records.js';
import { resolveRedirect } from './redirects.js';
import { toUserJson } from './user-json.js';
import { insertUser } from './users.js';
import { toOtpView } from './views.js';

const DUPLICATE_EMAIL = 'A user with this email address has already been registered';
const LINK_TYPES = new Set(['signup', 'invite', 'magiclink', 'recovery', 'email_change_current', 'email_change_new']);

/** `POST /admin/generate_link`: `{...user, action_link, email_otp, hashed_token, verification_type, redirect_to}`. */
export const generateLink: Handler = async (state, request) => {
  const denied = await requireAdmin(state, request);
  if (denied !== null) return denied;
  const { body, nowMs } = request;
  const checked = validateEmail(stringField(body, 'email') ?? '');
  if (checked.kind === 'invalid') return fail(checked.error);
  const email = checked.email;
  // The referrer (`?redirect_to=`, as supabase-js sends it), unless the body names one.
  const redirectTo = resolveRedirect(state, stringField(body, 'redirect_to') ?? request.query.get('redirect_to'));
  let type = stringField(body, 'type') ?? '';
  const data = objectField(body, 'data');
  let user = state.store.findUserByEmail(email);
  if (user === undefined) {
    if (type === 'magiclink') type = 'signup';
    if (type === 'recovery' || type === 'email_change_current' || type === 'email_change_new') {
      return fail(apiError(404, 'user_not_found', 'User with this email not found'));
    }
  }
  if (!LINK_TYPES.has(type)) return fail(apiError(400, 'validation_failed', `Invalid email action link type requested: ${type}`));
  let otpType = type;
  let sentTo = email;
  switch (type) {
    case 'signup': {
      if (user === undefined) {
        // A magic link for an unknown address becomes a sign-up with a generated password.
        const password = body.type === 'magiclink' ? newSecret(32) : (stringField(body, 'password') ?? '');
        if (password === '') return fail(apiError(400, 'validation_failed', 'Signup requires a valid password'));
        const weak = checkPassword(password);
        if (weak !== null) return fail(weak);
        user = insertUser(state.store, { email, password, confirmed: false, userMetadata: data }, nowMs);
      } else if (user.emailConfirmedAt !== null) {
        return fail(apiError(422, 'email_exists', DUPLICATE_EMAIL));
      } else {
        user.userMetadata = { ...user.userMetadata, ...data };
      }
      user.confirmationSentAt = nowMs;
      break;
    }
    case 'invite': {
      const invited = invite(state, user, email, data, nowMs);
      if (invited.kind === 'error') return invited.result;
      user = invited.user;
      break;
    }
    case 'magiclink':
    case 'recovery':
      if (user === undefined) return fail(apiError(404, 'user_not_found', 'User with this email not found'));
      user.recoverySentAt = nowMs;
      break;
    default: {
      if (user === undefined) return fail(apiError(404, 'user_not_found', 'User with this email not found'));
      if (type === 'email_change_current' && !state.settings.secureEmailChange) {
        return fail(apiError(400, 'validation_failed', 'Enable secure email change to generate link for current email'));
      }
      const newEmail = validateEmail(stringField(body, 'new_email') ?? '');
      if (newEmail.kind === 'invalid') return fail(newEmail.error);
      const other = state.store.findUserByEmail(newEmail.email);
      if (other !== undefined && other.id !== user.id) return fail(apiError(422, 'email_exists', DUPLICATE_EMAIL));
      user.newEmail = newEmail.email;
      user.emailChangeSentAt = nowMs;
      otpType = 'email_change';
      sentTo = type === 'email_change_new' ? newEmail.email : user.email;
    }
  }
  const otp = issueOtp(state.store, user, otpType, nowMs, null, redirectTo, sentTo);
  const view = toOtpView(otp, state.issuer);
  return json(200, {
    ...toUserJson(user),
    action_link: view.actionLink,
    email_otp: otp.otp,
    hashed_token: otp.tokenHash,
    verification_type: type,
    redirect_to: redirectTo,
  });
};

/** `POST /invite {email, data}`: creates (or re-invites an unconfirmed) user and sends the `invite` code. */
export const inviteUser: Handler = async (state, request) => {
  const denied = await requireAdmin(state, request);
  if (denied !== null) return denied;
  const { body, nowMs } = request;
  const checked = validateEmail(stringField(body, 'email') ?? '');
  if (checked.kind === 'invalid') return fail(checked.error);
  const invited = invite(state, state.store.findUserByEmail(checked.email), checked.email, objectField(body, 'data'), nowMs);
  if (invited.kind === 'error') return invited.result;
  issueOtp(state.store, invited.user, 'invite', nowMs, null, resolveRedirect(state, request.query.get('redirect_to')));
  return json(200, toUserJson(invited.user));
};

function invite(
  state: Parameters<Handler>[0],
  existing: UserRecord | undefined,
  email: string,
  data: Record<string, unknown>,
  nowMs: number,
): { kind: 'ok'; user: UserRecord } | { kind: 'error'; result: HandlerResult } {
  if (existing !== undefined && existing.emailConfirmedAt !== null) {
    return { kind: 'error', result: fail(apiError(422, 'email_exists', DUPLICATE_EMAIL)) };
  }
  const user = existing ?? insertUser(state.store, { email, password: null, confirmed: false, userMetadata: data }, nowMs);
  user.invitedAt = nowMs;
  user.confirmationSentAt = nowMs;
  return { kind: 'ok', user };
}
