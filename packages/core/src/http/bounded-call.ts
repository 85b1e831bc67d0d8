// One call to an auth backend with a hard time bound and an explicit classification of the answer.
import type { UnavailableCause } from '../session/session.js';
import { networkFailureDetail } from './network-failure.js';

/**
 * Three answers kept apart because they call for different actions: the server said no (sign
 * out), it could not answer (keep the cookies), or its answer made no sense (keep the cookies too:
 * nothing proves the session dead).
 */
export type CallResult =
  | { readonly kind: 'ok'; readonly status: number; readonly body: unknown }
  /** A deliberate refusal (a 4xx with a JSON body, or a policy's bodyless refusal). `code` is the server's error code, if any. */
  | { readonly kind: 'error'; readonly status: number; readonly code: string | null }
  /** `detail`: why the network failed (`ECONNREFUSED`, `ENOTFOUND`, `BAD_PORT`, …; see `networkFailureDetail`). */
  | { readonly kind: 'unavailable'; readonly cause: UnavailableCause; readonly status?: number; readonly detail?: string };

/** What a backend's statuses mean, beyond the common rules (429: rate limited; 5xx: try later). */
export interface AnswerPolicy {
  /** Further statuses that mean "try later" (e.g. GoTrue's 409 for concurrent refreshes). */
  readonly retryLater: ReadonlySet<number>;
  /** Statuses that are a refusal even without a readable body (e.g. a bare 401 with `WWW-Authenticate`). */
  readonly bodylessRefusals: ReadonlySet<number>;
  /** The server's error code for a refusal. */
  readonly errorCode: (response: Response, body: unknown) => string | null;
}

/**
 * Sends one request and classifies the answer; never throws. The whole call, body included, is
 * bounded by `timeoutMs` with our own timer, even for a `fetch` that ignores its abort signal.
 *
 * @example
 * const answer = await boundedCall(fetch, url, { method: 'POST', headers, body }, 5000, GOTRUE_ANSWERS);
 */
export async function boundedCall(fetchImpl: typeof fetch, url: string, init: Omit<RequestInit, 'signal'>, timeoutMs: number, policy: AnswerPolicy): Promise<CallResult> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<CallResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new DOMException('auth backend timeout', 'TimeoutError'));
      resolve({ kind: 'unavailable', cause: 'timeout' });
    }, timeoutMs);
  });
  const attempt = (async (): Promise<CallResult> => {
    let response: Response;
    try {
      response = await fetchImpl(url, { ...init, signal: controller.signal, redirect: 'manual' });
    } catch (error) {
      // Our own signal says whether it was the timeout: fetch implementations reject with different error types.
      if (controller.signal.aborted) return { kind: 'unavailable', cause: 'timeout' };
      const detail = networkFailureDetail(error);
      return detail === undefined ? { kind: 'unavailable', cause: 'network' } : { kind: 'unavailable', cause: 'network', detail };
    }
    return classifyAnswer(response, policy);
  })();
  try {
    return await Promise.race([attempt, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Classifies one answer under `policy`; 2xx JSON is `ok`, 204 is `ok` with a null body. */
export async function classifyAnswer(response: Response, policy: AnswerPolicy): Promise<CallResult> {
  const { status } = response;
  if (status === 429) return discard(response, { kind: 'unavailable', cause: 'rate_limited', status });
  if (status >= 500 || policy.retryLater.has(status)) return discard(response, { kind: 'unavailable', cause: 'server_error', status });
  if (status === 204) return discard(response, { kind: 'ok', status, body: null });
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    if (policy.bodylessRefusals.has(status)) return { kind: 'error', status, code: policy.errorCode(response, undefined) };
    // A gateway's HTML page or a truncated body: nothing here proves the session is dead.
    return { kind: 'unavailable', cause: 'protocol', status };
  }
  if (status >= 200 && status < 300) return { kind: 'ok', status, body };
  if (status >= 400) return { kind: 'error', status, code: policy.errorCode(response, body) };
  return { kind: 'unavailable', cause: 'protocol', status };
}

/** The error code of a JSON error body: `code`, `error_code`, or the OAuth 2 `error` field. */
export function bodyErrorCode(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  for (const key of ['code', 'error_code', 'error'] as const) {
    const value = record[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

async function discard(response: Response, result: CallResult): Promise<CallResult> {
  // Release the connection; a body that fails to drain changes nothing about the answer.
  await response.body?.cancel().catch(() => undefined);
  return result;
}
