// One call to a token backend endpoint with a hard timeout and an explicit classification of every failure.
import type { UnavailableCause } from '../session/session.js';
import type { TokenRequestBody } from './token-backend-options.js';

/**
 * Like the GoTrue calls (supabase/gotrue-request.ts), three answers are kept apart because they
 * call for different actions: the backend said no (sign out), it could not answer (keep the
 * cookies), or its answer made no sense (keep the cookies too: nothing proves the session dead).
 */
export type TokenCallResult =
  | { readonly kind: 'ok'; readonly status: number; readonly body: unknown }
  /** A deliberate 4xx with a JSON body (or none, for 401/403). `code` is the backend's error code when it sent one. */
  | { readonly kind: 'error'; readonly status: number; readonly code: string | null }
  | { readonly kind: 'unavailable'; readonly cause: UnavailableCause; readonly status?: number };

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
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<TokenCallResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new DOMException('token backend timeout', 'TimeoutError'));
      resolve({ kind: 'unavailable', cause: 'timeout' });
    }, ctx.timeoutMs);
  });
  const attempt = (async (): Promise<TokenCallResult> => {
    let response: Response;
    try {
      response = await ctx.fetch(request.url, { method: request.method, headers, body, signal: controller.signal, redirect: 'manual' });
    } catch {
      return { kind: 'unavailable', cause: controller.signal.aborted ? 'timeout' : 'network' };
    }
    return classifyAnswer(response);
  })();
  try {
    return await Promise.race([attempt, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The classification table (docs: token backend, "Failure classification"):
 * 429 → rate_limited · 408, 409, 5xx → server_error · 204 → ok · 2xx JSON → ok ·
 * 4xx JSON → error (code from the body) · 401/403 without a JSON body → error (no code) ·
 * anything unparseable, 1xx/3xx → protocol.
 */
export async function classifyAnswer(response: Response): Promise<TokenCallResult> {
  const { status } = response;
  if (status === 429) return discard(response, { kind: 'unavailable', cause: 'rate_limited', status });
  if (status >= 500 || status === 408 || status === 409) return discard(response, { kind: 'unavailable', cause: 'server_error', status });
  if (status === 204) return discard(response, { kind: 'ok', status, body: null });
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    // A 401/403 is a deliberate refusal even without a body (e.g. a bare `WWW-Authenticate` answer);
    // anything else unreadable (a gateway's HTML page, a truncated body) proves nothing.
    if (status === 401 || status === 403) return { kind: 'error', status, code: null };
    return { kind: 'unavailable', cause: 'protocol', status };
  }
  if (status >= 200 && status < 300) return { kind: 'ok', status, body };
  if (status >= 400) return { kind: 'error', status, code: errorCode(body) };
  return { kind: 'unavailable', cause: 'protocol', status };
}

/** The error code of a JSON error body: `code`, `error_code`, or the OAuth 2 `error` field. */
export function errorCode(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  for (const key of ['code', 'error_code', 'error'] as const) {
    const value = record[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

async function discard(response: Response, result: TokenCallResult): Promise<TokenCallResult> {
  // Release the connection; a body that fails to drain changes nothing about the answer.
  await response.body?.cancel().catch(() => undefined);
  return result;
}
