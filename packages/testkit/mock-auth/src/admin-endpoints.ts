// Admin user endpoints for the service-role key: create, list (paginated), get, update (ban) and delete users.
import { paginationHeaders, readPageRequest } from './admin-pagination.js';
import { apiError } from './api-error.js';
import { validateEmail } from './email-address.js';
import { parseGoDuration } from './go-duration.js';
import { fail, json, objectField, stringField, type Handler, type HandlerResult, type MockRequest } from './handler-types.js';
import { isUuid } from './ids.js';
import { checkPassword } from './password-policy.js';
import { validatePhone } from './phone-number.js';
import type { UserRecord } from './records.js';
import { requireJwt } from './require-authentication.js';
import type { MockAuthState } from './state.js';
import { toUserJson } from './user-json.js';
import { confirmEmail, confirmPhone, insertUser, softDeleteUser } from './users.js';

/** JWT roles the admin endpoints accept. */
export const ADMIN_ROLES: ReadonlySet<string> = new Set(['service_role', 'supabase_admin']);
const DUPLICATE_EMAIL = 'A user with this email address has already been registered';

/** Checks the bearer is an admin JWT; returns the refusal or `null`. */
export async function requireAdmin(state: MockAuthState, request: MockRequest): Promise<HandlerResult | null> {
  const jwt = await requireJwt(state, request);
  if (jwt.kind === 'error') return fail(jwt.error);
  if (!ADMIN_ROLES.has(String(jwt.claims.role))) return fail(apiError(403, 'not_admin', 'User not allowed'));
  return null;
}

/** Loads the user of `/admin/users/<id>[/...]` like GoTrue's `loadUser`. */
export function loadAdminUser(state: MockAuthState, rawId: string): { kind: 'ok'; user: UserRecord } | { kind: 'error'; result: HandlerResult } {
  const id = decodeURIComponent(rawId);
  if (!isUuid(id)) return { kind: 'error', result: fail(apiError(404, 'validation_failed', 'user_id must be an UUID')) };
  const user = state.store.users.get(id);
  if (user === undefined) return { kind: 'error', result: fail(apiError(404, 'user_not_found', 'User not found')) };
  return { kind: 'ok', user };
}

/** `/admin/users` and `/admin/users/<id>` for every method. */
export const adminUsers: Handler = async (state, request) => {
  const denied = await requireAdmin(state, request);
  if (denied !== null) return denied;
  if (request.path === '/admin/users') {
    if (request.method === 'GET') return listUsers(state, request);
    if (request.method === 'POST') return createUser(state, request);
    return fail(apiError(405, null, 'Method Not Allowed'));
  }
  const loaded = loadAdminUser(state, request.path.slice('/admin/users/'.length));
  if (loaded.kind === 'error') return loaded.result;
  const { user } = loaded;
  switch (request.method) {
    case 'GET':
      return json(200, toUserJson(user));
    case 'PUT':
      return updateUser(state, request, user);
    case 'DELETE':
      if (request.body.should_soft_delete === true) {
        if (user.deletedAt === null) softDeleteUser(state.store, user, request.nowMs);
      } else {
        state.store.deleteUser(user.id);
      }
      return json(200, {});
    default:
      return fail(apiError(405, null, 'Method Not Allowed'));
  }
};

/** `GET /admin/users?page&per_page&filter`: newest first (GoTrue's default sort), with `Link` and `X-Total-Count`. */
function listUsers(state: MockAuthState, request: MockRequest): HandlerResult {
  const paging = readPageRequest(request.query);
  if (paging.kind === 'invalid') return fail(paging.error);
  const { page } = paging;
  const filter = request.query.get('filter') ?? '';
  const all = [...state.store.users.values()]
    .map((user, index) => ({ user, index }))
    .filter(({ user }) => filter === '' || user.email.includes(filter) || String(user.userMetadata.full_name ?? '').toLowerCase().includes(filter.toLowerCase()))
    .sort((a, b) => b.user.createdAt - a.user.createdAt || b.index - a.index)
    .map(({ user }) => user);
  const users = all.slice((page.page - 1) * page.perPage, page.page * page.perPage).map(toUserJson);
  return json(200, { users, aud: 'authenticated' }, paginationHeaders('/admin/users', request.query, page, all.length));
}

function createUser(state: MockAuthState, request: MockRequest): HandlerResult {
  const { body, nowMs } = request;
  let email = stringField(body, 'email') ?? '';
  let phone = stringField(body, 'phone') ?? '';
  const invalid = (message: string): HandlerResult => fail(apiError(400, 'validation_failed', message));
  if (email === '' && phone === '') return invalid('Cannot create a user without either an email or phone');
  if (email !== '') {
    const checked = validateEmail(email);
    if (checked.kind === 'invalid') return fail(checked.error);
    email = checked.email;
    if (state.store.findUserByEmail(email) !== undefined) return fail(apiError(422, 'email_exists', DUPLICATE_EMAIL));
  }
  if (phone !== '') {
    const checked = validatePhone(phone);
    if (checked.kind === 'invalid') return fail(checked.error);
    phone = checked.phone;
    if (state.store.findUserByPhone(phone) !== undefined) {
      return fail(apiError(422, 'phone_exists', 'Phone number already registered by another user'));
    }
  }
  const password = stringField(body, 'password');
  if (password !== undefined && (stringField(body, 'password_hash') ?? '') !== '') {
    return invalid('Only a password or a password hash should be provided');
  }
  const ban = readBanDuration(body.ban_duration);
  if (ban.kind === 'invalid') return ban.result;
  // GoTrue applies no password policy here; without a password the user gets a random one (none here).
  const user = insertUser(
    state.store,
    {
      email,
      phone,
      password: password === undefined || password === '' ? null : password,
      confirmed: body.email_confirm === true,
      phoneConfirmed: body.phone_confirm === true,
      userMetadata: objectField(body, 'user_metadata'),
    },
    nowMs,
  );
  if ('app_metadata' in body) user.appMetadata = { ...user.appMetadata, ...objectField(body, 'app_metadata') };
  if (ban.kind === 'set') applyBan(user, ban.ms, nowMs);
  return json(200, toUserJson(user));
}

function updateUser(state: MockAuthState, request: MockRequest, user: UserRecord): HandlerResult {
  const { body, nowMs } = request;
  let email = stringField(body, 'email') ?? '';
  let phone = stringField(body, 'phone') ?? '';
  if (email !== '') {
    const checked = validateEmail(email);
    if (checked.kind === 'invalid') return fail(checked.error);
    email = checked.email;
  }
  if (phone !== '') {
    const checked = validatePhone(phone);
    if (checked.kind === 'invalid') return fail(checked.error);
    phone = checked.phone;
  }
  const ban = readBanDuration(body.ban_duration);
  if (ban.kind === 'invalid') return ban.result;
  const password = stringField(body, 'password');
  if (password !== undefined) {
    const weak = checkPassword(password);
    if (weak !== null) return fail(weak);
  }
  if (body.email_confirm === true) confirmEmail(user, nowMs);
  if (body.phone_confirm === true) confirmPhone(user, nowMs);
  if (password !== undefined) {
    user.password = password;
    // `UpdatePassword(tx, nil)`: an admin password change signs the user out everywhere.
    for (const session of state.store.sessionsOfUser(user.id)) state.store.deleteSession(session.id);
  }
  if (email !== '') {
    user.email = email;
    if (user.isAnonymous && body.email_confirm === true) user.isAnonymous = false;
  }
  if (phone !== '') {
    user.phone = phone;
    if (user.isAnonymous && body.phone_confirm === true) user.isAnonymous = false;
  }
  if ('user_metadata' in body) user.userMetadata = mergeMetadata(user.userMetadata, objectField(body, 'user_metadata'));
  if ('app_metadata' in body) user.appMetadata = mergeMetadata(user.appMetadata, objectField(body, 'app_metadata'));
  if (ban.kind === 'set') applyBan(user, ban.ms, nowMs);
  user.updatedAt = nowMs;
  return json(200, toUserJson(user));
}

/** GoTrue's metadata update: merge, and a `null` value removes the key. */
function mergeMetadata(current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...current, ...patch };
  for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
  return merged;
}

type BanDuration = { kind: 'absent' } | { kind: 'set'; ms: number } | { kind: 'invalid'; result: HandlerResult };

/** `ban_duration`: a Go duration (`24h`, `1h30m`, `-1s`) or `none`; parsed before anything changes. */
function readBanDuration(value: unknown): BanDuration {
  if (typeof value !== 'string' || value === '') return { kind: 'absent' };
  if (value === 'none') return { kind: 'set', ms: 0 };
  const parsed = parseGoDuration(value);
  if (parsed.kind === 'invalid') {
    return { kind: 'invalid', result: fail(apiError(400, 'validation_failed', `invalid format for ban duration: ${parsed.message}`)) };
  }
  return { kind: 'set', ms: parsed.ms };
}

/** `User.Ban`: zero lifts the ban; anything else bans until now + duration (a negative one lies in the past). */
function applyBan(user: UserRecord, ms: number, nowMs: number): void {
  user.bannedUntil = ms === 0 ? null : nowMs + ms;
}
