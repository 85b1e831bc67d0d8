// The fake OAuth flow: `/authorize` → built-in provider page → `/callback` → app (spec §2.7).
import { apiError } from './api-error.js';
import { insertFlowState } from './flow-states.js';
import { providerSubject } from './id-token-grant.js';
import { fail, json, type Handler, type HandlerResult, type MockRequest } from './handler-types.js';
import { newUuid } from './ids.js';
import { readPkceParams } from './pkce.js';
import { resolveRedirect, withFragment, withQuery } from './redirects.js';
import { signIn } from './sessions.js';
import type { UserRecord } from './records.js';
import type { MockAuthState } from './state.js';
import { confirmEmail, insertUser, isBanned, linkIdentity } from './users.js';

/** `GET /authorize?provider=...`: creates a flow state and sends the browser to the fake provider. */
export const authorize: Handler = (state, request) => Promise.resolve(startProviderFlow(state, request, null));

/**
 * The start of every OAuth flow: validates the provider and PKCE parameters, creates the flow state
 * (with the user to link to, for manual linking) and points at the fake provider page.
 */
export function startProviderFlow(state: MockAuthState, request: MockRequest, linkingTargetId: string | null): HandlerResult {
  const { query, nowMs } = request;
  const provider = query.get('provider') ?? '';
  if (!state.options.oauthProviders.includes(provider)) {
    return fail(apiError(400, 'validation_failed', `Unsupported provider: provider is not enabled`));
  }
  const pkce = readPkceParams(query.get('code_challenge'), query.get('code_challenge_method'));
  if (pkce.kind === 'invalid') return fail(pkce.error);
  const flow = insertFlowState(
    state.store,
    {
      provider,
      authMethod: 'oauth',
      userId: null,
      redirectTo: resolveRedirect(state, query.get('redirect_to')),
      challenge: pkce.kind === 'pkce' ? pkce.challenge : null,
      method: pkce.kind === 'pkce' ? pkce.method : null,
      ...(linkingTargetId === null ? {} : { linkingTargetId }),
    },
    nowMs,
  );
  const providerUrl = new URL(`${state.issuer}/mock-provider/authorize`);
  providerUrl.searchParams.set('state', flow.id);
  const hint = query.get('login_hint');
  if (hint !== null) providerUrl.searchParams.set('login_hint', hint);
  if (query.get('skip_http_redirect') === 'true') return json(200, { url: providerUrl.toString() });
  return { kind: 'redirect', status: 302, location: providerUrl.toString() };
}

/**
 * `GET /mock-provider/authorize?state=...[&login_hint=email]`: the fake provider. With an email it
 * answers at once with a redirect to `/callback`; without one it shows a one-field sign-in form.
 */
export const mockProvider: Handler = (state, request) => {
  const flowId = request.query.get('state') ?? '';
  const flow = state.store.flowStates.get(flowId);
  if (flow === undefined) return Promise.resolve(fail(apiError(404, 'flow_state_not_found', 'invalid flow state, no valid flow state found')));
  const email = (request.query.get('email') ?? request.query.get('login_hint') ?? '').trim().toLowerCase();
  if (email === '') return Promise.resolve({ kind: 'html', status: 200, html: providerPage(flow.provider, flowId) });
  flow.providerCode = newUuid();
  flow.providerEmail = email;
  const callback = new URL(`${state.issuer}/callback`);
  callback.searchParams.set('code', flow.providerCode);
  callback.searchParams.set('state', flowId);
  return Promise.resolve({ kind: 'redirect', status: 302, location: callback.toString() });
};

/** `GET /callback?code=...&state=...`: links the user, then PKCE `?code=` or an implicit-flow fragment. */
export const callback: Handler = async (state, request) => {
  const { query, nowMs } = request;
  const flow = state.store.flowStates.get(query.get('state') ?? '');
  if (flow === undefined) return errorRedirect(state.options.siteUrl, 404, 'flow_state_not_found', 'OAuth state not found');
  if (flow.callbackUsed) return errorRedirect(flow.redirectTo, 400, 'flow_state_already_used', 'OAuth callback with state already used');
  if (flow.providerCode === null || flow.providerEmail === null || query.get('code') !== flow.providerCode) {
    return errorRedirect(flow.redirectTo, 400, 'bad_oauth_callback', 'OAuth callback with invalid code');
  }
  const email = flow.providerEmail;
  const providerId = providerSubject(flow.provider, email);
  let user: UserRecord;
  if (flow.linkingTargetId !== null) {
    const linked = linkToTarget(state, flow.linkingTargetId, flow.provider, providerId, email, nowMs);
    if (linked.kind === 'error') return errorRedirect(flow.redirectTo, linked.status, linked.code, linked.message);
    user = linked.user;
  } else {
    const existing = state.store.findUserByEmail(email);
    user = existing ?? insertUser(state.store, { email, password: null, confirmed: true, provider: flow.provider, providerId }, nowMs);
    if (existing !== undefined) linkIdentity(existing, flow.provider, providerId, nowMs);
  }
  if (isBanned(user, nowMs)) return errorRedirect(flow.redirectTo, 403, 'user_banned', 'User is banned');
  flow.callbackUsed = true;
  if (flow.codeChallenge !== null) {
    flow.userId = user.id;
    flow.authCodeIssuedAt = nowMs;
    return { kind: 'redirect', status: 302, location: withQuery(flow.redirectTo, { code: flow.authCode }) };
  }
  state.store.flowStates.delete(flow.id);
  const session = await signIn(state, user, 'oauth', nowMs);
  const fragment = {
    access_token: session.access_token,
    expires_at: String(session.expires_at),
    expires_in: String(session.expires_in),
    provider_token: `mock-provider-token-${flow.provider}`,
    refresh_token: session.refresh_token,
    sb: '',
    token_type: 'bearer',
  };
  return { kind: 'redirect', status: 302, location: withFragment(flow.redirectTo, fragment) };
};

const OAUTH_ERROR: Readonly<Record<number, string>> = {
  400: 'invalid_request',
  401: 'unauthorized_client',
  403: 'access_denied',
  404: 'invalid_request',
  500: 'server_error',
  503: 'temporarily_unavailable',
};

type LinkOutcome = { kind: 'ok'; user: UserRecord } | { kind: 'error'; status: number; code: string; message: string };

/** `linkIdentityToUser`: the provider identity joins the signed-in user unless some user already has it. */
function linkToTarget(state: MockAuthState, targetId: string, provider: string, providerId: string, email: string, nowMs: number): LinkOutcome {
  const target = state.store.users.get(targetId);
  if (target === undefined) return { kind: 'error', status: 404, code: 'user_not_found', message: 'User not found' };
  for (const other of state.store.users.values()) {
    if (!other.identities.some((i) => i.provider === provider && i.providerId === providerId)) continue;
    const message = other.id === target.id ? 'Identity is already linked' : 'Identity is already linked to another user';
    return { kind: 'error', status: 422, code: 'identity_already_exists', message };
  }
  const identity = linkIdentity(target, provider, providerId, nowMs);
  identity.email = email;
  identity.identityData = { ...identity.identityData, email, email_verified: true };
  if (target.email === '') {
    // An anonymous (or phone-only) user takes the provider's verified email and stops being anonymous.
    target.email = email;
    confirmEmail(target, nowMs);
    target.isAnonymous = false;
  }
  return { kind: 'ok', user: target };
}

/** A callback error: `error`, `error_code`, `error_description` in the query and the fragment (+ `sb=`). */
export function errorRedirect(target: string, status: number, code: string, description: string): HandlerResult {
  const error = code === 'user_banned' ? 'access_denied' : (OAUTH_ERROR[status] ?? 'server_error');
  const params = { error, error_code: code, error_description: description };
  return { kind: 'redirect', status: 302, location: withFragment(withQuery(target, params), { ...params, sb: '' }) };
}

function providerPage(provider: string, flowId: string): string {
  const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><meta charset="utf-8"><title>Mock ${escape(provider)} sign-in</title>
<h1>Mock ${escape(provider)} sign-in</h1>
<form method="get"><input type="hidden" name="state" value="${escape(flowId)}">
<label>Email <input name="email" type="email" required autofocus></label>
<button type="submit">Continue</button></form>`;
}
