// Admin user endpoints for the service-role key: create, list, get, update (ban) and delete users.
import { apiError } from './api-error.js';
import { fail, json, objectField, stringField, type Handler, type HandlerResult, type MockRequest } from './handler-types.js';
import { checkPassword } from './password-policy.js';
import type { UserRecord } from './records.js';
import { requireJwt } from './require-authentication.js';
import type { MockAuthState } from './state.js';
import { toUserJson } from './user-json.js';
import { confirmEmail, insertUser } from './users.js';

const ADMIN_ROLES = new Set(['service_role', 'supabase_admin']);

async function requireAdmin(state: MockAuthState, request: MockRequest): Promise<HandlerResult | null> {
  const jwt = await requireJwt(state, request);
  if (jwt.kind === 'error') return fail(jwt.error);
  if (!ADMIN_ROLES.has(String(jwt.claims.role))) return fail(apiError(403, 'not_admin', 'User not allowed'));
  return null;
}

/** The user id from `/admin/users/<id>`. */
function userIdOf(request: MockRequest): string {
  return decodeURIComponent(request.path.slice('/admin/users/'.length));
}

const userNotFound = (): HandlerResult => fail(apiError(404, 'user_not_found', 'User not found'));

/** `/admin/users` and `/admin/users/<id>` for every method. */
export const adminUsers: Handler = async (state, request) => {
  const denied = await requireAdmin(state, request);
  if (denied !== null) return denied;
  const { store } = state;
  if (request.path === '/admin/users') {
    if (request.method === 'GET') {
      const users = [...store.users.values()].map(toUserJson);
      return json(200, { users, aud: 'authenticated' }, { 'X-Total-Count': String(users.length) });
    }
    if (request.method === 'POST') return createUser(state, request);
    return fail(apiError(405, null, 'Method Not Allowed'));
  }
  const user = store.users.get(userIdOf(request));
  if (user === undefined) return userNotFound();
  switch (request.method) {
    case 'GET':
      return json(200, toUserJson(user));
    case 'PUT':
      return updateUser(state, request, user);
    case 'DELETE':
      if (request.body.should_soft_delete === true) {
        // Soft delete keeps the row but removes every session (spec §6).
        for (const session of store.sessionsOfUser(user.id)) store.deleteSession(session.id);
      } else {
        store.deleteUser(user.id);
      }
      return json(200, toUserJson(user));
    default:
      return fail(apiError(405, null, 'Method Not Allowed'));
  }
};

function createUser(state: MockAuthState, request: MockRequest): HandlerResult {
  const { body, nowMs } = request;
  const email = (stringField(body, 'email') ?? '').trim();
  const password = stringField(body, 'password');
  if (email === '') return fail(apiError(400, 'validation_failed', 'An email address is required'));
  if (state.store.findUserByEmail(email) !== undefined) {
    return fail(apiError(422, 'email_exists', 'A user with this email address has already been registered'));
  }
  if (password !== undefined) {
    const weak = checkPassword(password);
    if (weak !== null) return fail(weak);
  }
  const user = insertUser(
    state.store,
    {
      email,
      password: password ?? null,
      confirmed: body.email_confirm === true,
      userMetadata: objectField(body, 'user_metadata'),
      appMetadata: objectField(body, 'app_metadata'),
    },
    nowMs,
  );
  const ban = applyBan(user, body.ban_duration, nowMs);
  return ban ?? json(200, toUserJson(user));
}

function updateUser(state: MockAuthState, request: MockRequest, user: UserRecord): HandlerResult {
  const { body, nowMs } = request;
  const password = stringField(body, 'password');
  if (password !== undefined) {
    const weak = checkPassword(password);
    if (weak !== null) return fail(weak);
    user.password = password;
  }
  const email = stringField(body, 'email');
  if (email !== undefined) user.email = email.trim().toLowerCase();
  if (body.email_confirm === true) confirmEmail(user, nowMs);
  if ('user_metadata' in body) user.userMetadata = { ...user.userMetadata, ...objectField(body, 'user_metadata') };
  if ('app_metadata' in body) user.appMetadata = { ...user.appMetadata, ...objectField(body, 'app_metadata') };
  const ban = applyBan(user, body.ban_duration, nowMs);
  if (ban !== null) return ban;
  user.updatedAt = nowMs;
  return json(200, toUserJson(user));
}

const DURATION_RE = /^(?:(\d+(?:\.\d+)?)(h|ms|m|s))+$/;
const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** Applies `ban_duration` (a Go duration such as `24h`, or `none`); returns an error result or `null`. */
function applyBan(user: UserRecord, duration: unknown, nowMs: number): HandlerResult | null {
  if (duration === undefined || duration === null) return null;
  if (duration === 'none') {
    user.bannedUntil = null;
    return null;
  }
  if (typeof duration !== 'string' || !DURATION_RE.test(duration)) {
    return fail(apiError(400, 'validation_failed', 'invalid format for ban duration'));
  }
  let total = 0;
  for (const match of duration.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)) total += Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 0);
  user.bannedUntil = nowMs + total;
  return null;
}
