// `GET /user`, `PUT /user` and `POST /logout` (spec §2.4, §2.5, §2.10).
import { ADMIN_ROLES } from './admin-endpoints.js';
import { apiError } from './api-error.js';
import { fail, json, objectField, stringField, type Handler } from './handler-types.js';
import { validateEmail } from './email-address.js';
import { startEmailChange } from './email-change.js';
import { checkPassword } from './password-policy.js';
import { applySmsCode, sendSms } from './phone-auth.js';
import { validatePhone } from './phone-number.js';
import { readPkceParams } from './pkce.js';
import { consumeReauthenticationNonce } from './reauthentication.js';
import { resolveRedirect } from './redirects.js';
import { requireAuthentication } from './require-authentication.js';
import { toUserJson } from './user-json.js';

const DAY_MS = 24 * 3600 * 1000;

/** `GET /user`: the bare user object. */
export const getUser: Handler = async (state, request) => {
  const auth = await requireAuthentication(state, request);
  if (auth.kind === 'error') return fail(auth.error);
  return json(200, toUserJson(auth.user));
};

/**
 * `PUT /user` in GoTrue's order: field validation, admin-only `app_metadata`, aal2 when MFA is on,
 * anonymous and duplicate checks, the reauthentication nonce, then metadata, password (every other
 * session ends) and the email change (confirmed by code, see `email-change.ts`).
 */
export const updateUser: Handler = async (state, request) => {
  const auth = await requireAuthentication(state, request);
  if (auth.kind === 'error') return fail(auth.error);
  const { user, session } = auth;
  const { body, nowMs } = request;
  const password = stringField(body, 'password');
  let email = stringField(body, 'email') ?? '';
  let phone = stringField(body, 'phone') ?? '';
  if (email !== '') {
    const checked = validateEmail(email);
    if (checked.kind === 'invalid') return fail(checked.error);
    email = checked.email;
  }
  if (phone !== '') {
    if (!state.settings.phoneEnabled) return fail(apiError(400, 'phone_provider_disabled', 'Phone logins are disabled'));
    const checked = validatePhone(phone);
    if (checked.kind === 'invalid') return fail(checked.error);
    phone = checked.phone;
  }
  if (password !== undefined) {
    const weak = checkPassword(password);
    if (weak !== null) return fail(weak);
  }
  if (body.app_metadata !== undefined && body.app_metadata !== null && !ADMIN_ROLES.has(String(auth.claims.role))) {
    return fail(apiError(403, 'not_admin', 'Updating app_metadata requires admin privileges'));
  }
  const changesEmail = email !== '' && email !== user.email;
  const changesPhone = phone !== '' && phone !== user.phone;
  if (user.factors.some((f) => f.status === 'verified') && session?.aal !== 'aal2' && ((password ?? '') !== '' || changesEmail || changesPhone)) {
    return fail(apiError(401, 'insufficient_aal', 'AAL2 session is required to update email or password when MFA is enabled.'));
  }
  if (user.isAnonymous && (password ?? '') !== '' && email === '' && phone === '') {
    return fail(apiError(422, 'validation_failed', 'Updating password of an anonymous user without an email or phone is not allowed'));
  }
  if (changesEmail && state.store.findUserByEmail(email) !== undefined) {
    return fail(apiError(422, 'email_exists', 'A user with this email address has already been registered'));
  }
  if (changesPhone && state.store.findUserByPhone(phone) !== undefined) {
    return fail(apiError(422, 'phone_exists', 'Phone number is already registered'));
  }
  const pkce = readPkceParams(body.code_challenge, body.code_challenge_method);
  if (pkce.kind === 'invalid') return fail(pkce.error);
  if (password !== undefined) {
    const needsNonce = state.settings.passwordChangeRequiresReauthentication && (session === null || nowMs > session.createdAt + DAY_MS);
    if (needsNonce) {
      const nonce = stringField(body, 'nonce') ?? '';
      if (nonce === '') return fail(apiError(400, 'reauthentication_needed', 'Password update requires reauthentication'));
      if (!consumeReauthenticationNonce(state, user, nonce, nowMs)) {
        return fail(apiError(422, 'reauthentication_not_valid', 'Nonce has expired or is invalid'));
      }
    }
    if (password !== '' && password === user.password) {
      return fail(apiError(422, 'same_password', 'New password should be different from the old password.'));
    }
  }
  if ('data' in body) {
    const merged = { ...user.userMetadata, ...objectField(body, 'data') };
    for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
    user.userMetadata = merged;
  }
  if (body.app_metadata !== undefined && body.app_metadata !== null) {
    user.appMetadata = { ...user.appMetadata, ...objectField(body, 'app_metadata') };
  }
  if (password !== undefined) {
    user.password = password;
    // `UpdatePassword` → `LogoutAllExceptMe` (spec §2.10); every pending one-time code is cleared.
    for (const other of state.store.sessionsOfUser(user.id)) {
      if (other.id !== session?.id) state.store.deleteSession(other.id);
    }
    state.store.removeOtps((o) => o.userId === user.id);
    user.newEmail = '';
    user.emailChangeSentAt = null;
  }
  if (changesPhone) {
    // With SMS autoconfirm the number changes at once; otherwise a `phone_change` code confirms it.
    user.newPhone = phone;
    if (state.settings.phoneAutoconfirm) applySmsCode(user, 'phone_change', nowMs);
    else {
      const refused = sendSms(state, user, 'phone_change', phone, nowMs);
      if (refused !== null) return fail(refused);
    }
  }
  if (changesEmail) {
    const redirectTo = resolveRedirect(state, request.query.get('redirect_to'));
    startEmailChange(state, user, email, nowMs, pkce.kind === 'pkce' ? pkce : null, redirectTo);
  }
  user.updatedAt = nowMs;
  return json(200, toUserJson(user));
};

/** `POST /logout?scope=global|local|others`: deletes sessions (tokens cascade), replies 204. */
export const logout: Handler = async (state, request) => {
  const auth = await requireAuthentication(state, request);
  if (auth.kind === 'error') return fail(auth.error);
  const scope = request.query.get('scope') ?? '';
  if (!['', 'global', 'local', 'others'].includes(scope)) {
    return fail(apiError(400, 'validation_failed', `Unsupported logout scope ${JSON.stringify(scope)}`));
  }
  const { user, session } = auth;
  const effective = session === null ? 'global' : scope;
  for (const s of state.store.sessionsOfUser(user.id)) {
    const isCurrent = s.id === session?.id;
    const remove = effective === 'local' ? isCurrent : effective === 'others' ? !isCurrent : true;
    if (remove) state.store.deleteSession(s.id);
  }
  return { kind: 'empty', status: 204 };
};
