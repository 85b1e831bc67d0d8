// One call to a token backend endpoint with a hard timeout and an explicit classification of every failure.
import { boundedCall, bodyErrorCode, classifyAnswer as classifyHttpAnswer, type AnswerPolicy, type CallResult } from '@lockstep/core/provider';
import type { TokenRequestBody } from './token-backend-options.js';

/**
 * Like the GoTrue calls (supabase/gotrue-request.ts), three answers are kept apart because they
 * call for different actions: the backend said no (sign out), it could not answer (keep the
 * cookies), or its answer made no sense (keep the cookies too: nothing proves the session dead).
 */
export type TokenCallResult = CallResult;

/** The effects and settings every call needs. */
export interface TokenCallContext {
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  readonly headers: Readonly<Record<string, string>>;
}

/** One request: where, how, with which bearer token and body. */
export interface TokenCallRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly bearer?: string;
  readonly body?: TokenRequestBody;
}

/**
 * Sends one request and classifies the answer. Never throws; the whole call (body included) is
 * bounded by `timeoutMs`, even for a `fetch` that ignores its signal.
 *
 * @example
 * const answer = await callTokenEndpoint(ctx, { url: refreshUrl, method: 'POST', body: { json: { refresh_token } } });
 */
export async function callTokenEndpoint(ctx: TokenCallContext, request: TokenCallRequest): Promise<TokenCallResult> {
  const headers = new Headers(ctx.headers);
  headers.set('accept', 'application/json');
  let body: string | null = null;
  if (request.body !== undefined) {
    for (const [name, value] of Object.entries(request.body.headers ?? {})) headers.set(name, value);
    if ('form' in request.body) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(request.body.form).toString();
    } else {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(request.body.json);
    }
  }
  if (request.bearer !== undefined) headers.set('authorization', `Bearer ${request.bearer}`);
  return boundedCall(ctx.fetch, request.url, { method: request.method, headers, body }, ctx.timeoutMs, TOKEN_ANSWERS);
}

/**
 * The classification table (docs: token backend, "Failure classification"):
 * 429 → rate_limited · 408, 409, 5xx → server_error · 204 → ok · 2xx JSON → ok ·
 * 4xx JSON → error (code from the body, else the `WWW-Authenticate` Bearer error) · 401/403 without a JSON body → error (code from `WWW-Authenticate`) ·
 * anything unparseable, 1xx/3xx → protocol.
 */
const TOKEN_ANSWERS: AnswerPolicy = {
  retryLater: new Set([408, 409]),
  // A 401/403 is a deliberate refusal even without a body (e.g. a bare `WWW-Authenticate` answer).
  bodylessRefusals: new Set([401, 403]),
  errorCode: (response, body) => bodyErrorCode(body) ?? bearerErrorCode(response),
};

/** The `error` parameter of an RFC 6750 `WWW-Authenticate: Bearer error="…"` challenge, if any. */
function bearerErrorCode(response: Response): string | null {
  const challenge = response.headers.get('www-authenticate');
  const match = challenge === null ? null : /^\s*Bearer\b.*?\berror="?([A-Za-z0-9_.-]{1,64})"?/i.exec(challenge);
  return match?.[1] ?? null;
}

/** Classifies one token-endpoint answer (see `TOKEN_ANSWERS`). */
export function classifyAnswer(response: Response): Promise<TokenCallResult> {
  return classifyHttpAnswer(response, TOKEN_ANSWERS);
}
