// `GET /user`, `PUT /user` and `POST /logout` (spec §2.4, §2.5, §2.10).
import { apiError } from './api-error.js';
import { fail, json, objectField, stringField, type Handler } from './handler-types.js';
import { checkPassword } from './password-policy.js';
import { requireAuthentication } from './require-authentication.js';
import { toUserJson } from './user-json.js';

/** `GET /user`: the bare user object. */
export const getUser: Handler = async (state, request) => {
  const auth = await requireAuthentication(state, request);
  if (auth.kind === 'error') return fail(auth.error);
  return json(200, toUserJson(auth.user));
};

/** `PUT /user`: metadata, email and password; a new password logs out every other session. */
export const updateUser: Handler = async (state, request) => {
  const auth = await requireAuthentication(state, request);
  if (auth.kind === 'error') return fail(auth.error);
  const { user, session } = auth;
  const { nowMs } = request;
  const password = stringField(request.body, 'password');
  const email = stringField(request.body, 'email');
  if (password !== undefined) {
    const weak = checkPassword(password);
    if (weak !== null) return fail(weak);
    if (password === user.password) {
      return fail(apiError(422, 'same_password', 'New password should be different from the old password.'));
    }
  }
  if (email !== undefined && email.toLowerCase() !== user.email) {
    const other = state.store.findUserByEmail(email);
    if (other !== undefined) {
      return fail(apiError(422, 'email_exists', 'A user with this email address has already been registered'));
    }
  }
  if ('data' in request.body) {
    const merged = { ...user.userMetadata, ...objectField(request.body, 'data') };
    for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
    user.userMetadata = merged;
  }
  if (email !== undefined) user.email = email.trim().toLowerCase();
  if (password !== undefined) {
    user.password = password;
    // `UpdatePassword` → `LogoutAllExceptMe` (spec §2.10).
    for (const other of state.store.sessionsOfUser(user.id)) {
      if (other.id !== session?.id) state.store.deleteSession(other.id);
    }
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
