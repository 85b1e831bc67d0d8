// Admin factor endpoints: `GET /admin/users/:id/factors`, `PUT|DELETE /admin/users/:id/factors/:factor_id`.
import { loadAdminUser, requireAdmin } from './admin-endpoints.js';
import { apiError } from './api-error.js';
import { toFactorJson } from './factor-json.js';
import { fail, json, stringField, type Handler } from './handler-types.js';
import { isUuid } from './ids.js';
import { validatePhone } from './phone-number.js';
import { downgradeSessionsOf } from './session-assurance.js';

/** Lists, renames (or re-numbers a phone factor) and deletes a user's factors with the service-role key. */
export const adminFactors: Handler = async (state, request) => {
  const denied = await requireAdmin(state, request);
  if (denied !== null) return denied;
  const [, , , userId = '', , factorId] = request.path.split('/');
  const loaded = loadAdminUser(state, userId);
  if (loaded.kind === 'error') return loaded.result;
  const { user } = loaded;
  if (factorId === undefined) {
    return request.method === 'GET' ? json(200, user.factors.map(toFactorJson)) : fail(apiError(405, null, 'Method Not Allowed'));
  }
  const id = decodeURIComponent(factorId);
  if (!isUuid(id)) return fail(apiError(404, 'validation_failed', 'factor_id must be an UUID'));
  const factor = user.factors.find((f) => f.id === id);
  if (factor === undefined) return fail(apiError(404, 'mfa_factor_not_found', 'Factor not found'));
  const { nowMs } = request;
  if (request.method === 'DELETE') {
    state.store.deleteFactor(user, factor.id);
    downgradeSessionsOf(state, factor, nowMs);
    return json(200, toFactorJson(factor));
  }
  if (request.method === 'PUT') {
    const friendlyName = stringField(request.body, 'friendly_name') ?? '';
    const phone = stringField(request.body, 'phone') ?? '';
    if (phone !== '' && factor.factorType === 'phone') {
      const checked = validatePhone(phone);
      if (checked.kind === 'invalid') return fail(checked.error);
      factor.phone = checked.phone;
    }
    if (friendlyName !== '') factor.friendlyName = friendlyName;
    factor.updatedAt = nowMs;
    return json(200, toFactorJson(factor));
  }
  return fail(apiError(405, null, 'Method Not Allowed'));
};
