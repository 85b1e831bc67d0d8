// Calls to the provider's endpoints: bounded in time, client-authenticated, and classified the OAuth way.
import type { ProviderEnvironment } from '@lockstep/core';
import { boundedCall, type AnswerPolicy, type CallResult } from '@lockstep/core/provider';
import type { OidcConfig } from './oidc-config.js';

/**
 * Token and revocation endpoint answers (RFC 6749 §5.2): the refusal's code is the JSON body's
 * `error` field — never another field a gateway might fill, never a header. 429 and 5xx are
 * outages (the core's rules); so are 408 and 409. A bodyless 401/403 is a refusal without a code.
 */
export const TOKEN_ANSWERS: AnswerPolicy = {
  retryLater: new Set([408, 409]),
  bodylessRefusals: new Set([401, 403]),
  errorCode: (_response, body) => oauthErrorField(body),
};

/** Userinfo answers (RFC 6750 §3): as the token endpoint's, or the `WWW-Authenticate: Bearer error="…"` parameter. */
export const USERINFO_ANSWERS: AnswerPolicy = {
  ...TOKEN_ANSWERS,
  errorCode: (response, body) => oauthErrorField(body) ?? bearerError(response),
};

/** The `error` field of an OAuth error body, when it is an RFC 6749 error-code string. */
export function oauthErrorField(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const { error } = body as { error?: unknown };
  // RFC 6749 §5.2: %x20-21 / %x23-5B / %x5D-7E; we also bound its length.
  return typeof error === 'string' && /^[\x20\x21\x23-\x5b\x5d-\x7e]{1,64}$/.test(error) ? error : null;
}

function bearerError(response: Response): string | null {
  const challenge = response.headers.get('www-authenticate');
  const match = challenge === null ? null : /^\s*Bearer\b.*?\berror="?([A-Za-z0-9_.-]{1,64})"?/i.exec(challenge);
  return match?.[1] ?? null;
}

/** One form POST to the token or revocation endpoint, with the client's authentication. Never throws. */
export function postForm(config: OidcConfig, environment: ProviderEnvironment, url: string, form: Record<string, string>): Promise<CallResult> {
  const headers = new Headers({ accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' });
  const body = new URLSearchParams(form);
  switch (config.clientAuthMethod) {
    case 'client_secret_basic':
      headers.set('authorization', `Basic ${btoa(`${formEncode(config.clientId)}:${formEncode(config.clientSecret ?? '')}`)}`);
      break;
    case 'client_secret_post':
      body.set('client_id', config.clientId);
      body.set('client_secret', config.clientSecret ?? '');
      break;
    case 'none':
      body.set('client_id', config.clientId);
      break;
  }
  return boundedCall(environment.fetch, url, { method: 'POST', headers, body: body.toString() }, environment.timeoutMs, TOKEN_ANSWERS);
}

/** One GET with a bearer token (userinfo) or none (discovery). Never throws. */
export function getJson(environment: ProviderEnvironment, url: string, bearer?: string): Promise<CallResult> {
  const headers = new Headers({ accept: 'application/json' });
  if (bearer !== undefined) headers.set('authorization', `Bearer ${bearer}`);
  return boundedCall(environment.fetch, url, { method: 'GET', headers }, environment.timeoutMs, USERINFO_ANSWERS);
}

// RFC 6749 §2.3.1: client id and secret are form-encoded before Basic encoding (a ':' in a secret must survive).
function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}
