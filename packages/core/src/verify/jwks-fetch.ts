// The boundary between jose's JWKS loader and the injected fetch: classifies every failure once.
import type { FetchImplementation } from 'jose';
import type { UnavailableCause } from '../session/session.js';

/**
 * Thrown (inside jose, caught by the verifier) when the key set cannot be had. Carries only the
 * cause and status: the URL is configuration, and no token is ever involved in this request.
 */
export class JwksUnavailableError extends Error {
  override readonly name = 'JwksUnavailableError';
  readonly unavailableCause: UnavailableCause;
  readonly status: number | undefined;

  constructor(cause: UnavailableCause, status?: number, options?: { cause?: unknown }) {
    super(`JWKS unavailable: ${cause}${status === undefined ? '' : ` (HTTP ${status})`}`, options);
    this.unavailableCause = cause;
    this.status = status;
  }
}

/**
 * Wraps the injected fetch for jose's `customFetch`: a rejected fetch becomes `network` (or
 * `timeout` once the signal fired), 429 `rate_limited`, any other non-200 `server_error`, and a
 * body that is not JSON or not `{"keys": [...]}` `protocol` (gotrue-contract §2.9). jose alone
 * would report the last three as one generic error.
 *
 * @example
 * createRemoteJWKSet(url, { [customFetch]: createJwksFetch(fetch), timeoutDuration: 5000 });
 */
export function createJwksFetch(fetchImpl: typeof fetch): FetchImplementation {
  return async (url, init) => {
    const { signal } = init;
    let response: Response;
    try {
      response = await untilAborted(fetchImpl(url, init), signal);
    } catch (error) {
      throw new JwksUnavailableError(failureCause(error, signal), undefined, { cause: error });
    }
    if (response.status !== 200) {
      // Release the connection; the body of an error response is of no use here.
      response.body?.cancel().catch(ignore);
      throw new JwksUnavailableError(response.status === 429 ? 'rate_limited' : 'server_error', response.status);
    }
    let text: string;
    try {
      text = await untilAborted(response.text(), signal);
    } catch (error) {
      throw new JwksUnavailableError(failureCause(error, signal), undefined, { cause: error });
    }
    if (!isJwkSetJson(text)) throw new JwksUnavailableError('protocol', 200);
    return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

// Our own signal, or a fetch that enforces a timeout of its own (a DOMException named TimeoutError).
function failureCause(error: unknown, signal: AbortSignal): 'timeout' | 'network' {
  return signal.aborted || (error instanceof Error && error.name === 'TimeoutError') ? 'timeout' : 'network';
}

function isJwkSetJson(text: string): boolean {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return false; // unparseable body: reported as `protocol` by the caller
  }
  if (typeof json !== 'object' || json === null) return false;
  const { keys } = json as { keys?: unknown };
  return Array.isArray(keys) && keys.every((key) => typeof key === 'object' && key !== null && !Array.isArray(key));
}

/**
 * Settles with `promise` or rejects as soon as `signal` aborts, so an injected fetch that ignores
 * its signal still cannot hold a request past `timeoutMs` (DESIGN C12: bounded latency).
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(ignore);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

// A late settlement after the abort has already been reported: nothing left to do with it.
function ignore(): void {
  return undefined;
}
