// Manual identity linking: `GET /user/identities/authorize` (link through the fake provider) and
// `DELETE /user/identities/:id` (unlink, never the last identity), behind `manualLinking` (`identity.go`).
import { apiError } from './api-error.js';
import { fail, json, type Handler, type HandlerResult, type MockRequest } from './handler-types.js';
import { isUuid } from './ids.js';
import { startProviderFlow } from './oauth-endpoints.js';
import type { UserRecord } from './records.js';
import { requireAuthentication } from './require-authentication.js';
import type { MockAuthState } from './state.js';

async function signedInUser(state: MockAuthState, request: MockRequest): Promise<{ kind: 'ok'; user: UserRecord } | { kind: 'error'; result: HandlerResult }> {
  const auth = await requireAuthentication(state, request);
  if (auth.kind === 'error') return { kind: 'error', result: fail(auth.error) };
  if (!state.settings.manualLinking) return { kind: 'error', result: fail(apiError(404, 'manual_linking_disabled', 'Manual linking is disabled')) };
  return { kind: 'ok', user: auth.user };
}

/** `GET /user/identities/authorize?provider=...`: like `/authorize`, but the callback links to the caller. */
export const linkIdentityStart: Handler = async (state, request) => {
  const caller = await signedInUser(state, request);
  if (caller.kind === 'error') return caller.result;
  return startProviderFlow(state, request, caller.user.id);
};

/** `DELETE /user/identities/:identity_id`: `{}`; the user keeps at least one identity. */
export const unlinkIdentity: Handler = async (state, request) => {
  const caller = await signedInUser(state, request);
  if (caller.kind === 'error') return caller.result;
  const { user } = caller;
  const identityId = decodeURIComponent(request.path.slice('/user/identities/'.length));
  if (!isUuid(identityId)) return fail(apiError(404, 'validation_failed', 'identity_id must be an UUID'));
  if (user.identities.length <= 1) {
    return fail(apiError(422, 'single_identity_not_deletable', 'User must have at least 1 identity after unlinking'));
  }
  const identity = user.identities.find((i) => i.identityId === identityId);
  if (identity === undefined) return fail(apiError(422, 'identity_not_found', "Identity doesn't exist"));
  user.identities = user.identities.filter((i) => i !== identity);
  if (identity.provider === 'phone') {
    user.phone = '';
    user.phoneConfirmedAt = null;
  } else if (identity.email !== '' && identity.email === user.email && !user.identities.some((i) => i.email === user.email)) {
    // `UpdateUserEmailFromIdentities`: the email follows the identities that remain.
    user.email = user.identities.find((i) => i.email !== '')?.email ?? '';
  }
  const providers = [...new Set(user.identities.map((i) => i.provider))];
  user.appMetadata = { ...user.appMetadata, provider: providers[0] ?? user.appMetadata.provider, providers };
  user.updatedAt = request.nowMs;
  return json(200, {});
};
