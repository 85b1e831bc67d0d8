// One call to the Supabase Auth (GoTrue) API with a hard timeout and an explicit classification of every failure.
import type { UnavailableCause } from '../session/session.js';

/**
 * We call GoTrue with `fetch` directly instead of through auth-js (`@supabase/supabase-js`):
 * auth-js retries transient failures for up to ~25 s inside one call (a request would hang that
 * long), clears the stored session itself on some errors, and folds different failures into the
 * same error classes. The core needs a bounded call and to keep "the server said no" (sign out),
 * "the server could not answer" (keep cookies) and "the answer made no sense" apart.
 */
export type GoTrueResult =
  | { readonly kind: 'ok'; readonly status: number; readonly body: unknown }
  /** A deliberate answer from the server: a 4xx with a JSON error body. `code` is GoTrue's error code when it sent one. */
  | { readonly kind: 'error'; readonly status: number; readonly code: string | null }
  /** The server could not be asked or did not answer sensibly: never a reason to sign anyone out. */
  | { readonly kind: 'unavailable'; readonly cause: UnavailableCause; readonly status?: number };

/** The effects and settings every GoTrue call needs. */
export interface GoTrueContext {
  /** The auth API base, e.g. `https://<ref>.supabase.co/auth/v1`. */
  readonly authUrl: string;
  /** The project's anon (publishable) key, sent as `apikey`. */
  readonly apiKey: string;
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
}

/** The API version whose error format carries machine-readable codes (gotrue-contract §1.4). */
export const GOTRUE_API_VERSION = '2024-01-01';

/**
 * Sends one request to GoTrue and classifies the answer. Never throws.
 *
 * @example
 * const result = await callGoTrue(ctx, { path: '/user', method: 'GET', bearer: accessToken });
 */
export async function callGoTrue(
  ctx: GoTrueContext,
  request: { readonly path: string; readonly method: 'GET' | 'POST'; readonly bearer?: string; readonly body?: unknown },
): Promise<GoTrueResult> {
  const headers = new Headers({
    apikey: ctx.apiKey,
    authorization: `Bearer ${request.bearer ?? ctx.apiKey}`,
    'x-supabase-api-version': GOTRUE_API_VERSION,
    'x-client-info': 'lockstep',
    accept: 'application/json',
  });
  if (request.body !== undefined) headers.set('content-type', 'application/json;charset=UTF-8');
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Our own timer bounds the whole call, body included, even for a fetch that ignores its signal.
  const timedOut = new Promise<GoTrueResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new DOMException('auth server timeout', 'TimeoutError'));
      resolve({ kind: 'unavailable', cause: 'timeout' });
    }, ctx.timeoutMs);
  });
  const attempt = (async (): Promise<GoTrueResult> => {
    let response: Response;
    try {
      response = await ctx.fetch(`${ctx.authUrl}${request.path}`, {
        method: request.method,
        headers,
        body: request.body === undefined ? null : JSON.stringify(request.body),
        signal: controller.signal,
        redirect: 'manual',
      });
    } catch {
      return { kind: 'unavailable', cause: controller.signal.aborted ? 'timeout' : 'network' };
    }
    return classify(response);
  })();
  try {
    return await Promise.race([attempt, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

async function classify(response: Response): Promise<GoTrueResult> {
  const { status } = response;
  if (status === 429) return discard(response, { kind: 'unavailable', cause: 'rate_limited', status });
  if (status >= 500) return discard(response, { kind: 'unavailable', cause: 'server_error', status });
  // 409 is GoTrue's "too many concurrent refreshes on this session": a retry later succeeds.
  if (status === 409) return discard(response, { kind: 'unavailable', cause: 'server_error', status });
  if (status === 204) return { kind: 'ok', status, body: null };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    // A gateway's HTML page or a truncated body: nothing here proves the session is dead.
    return { kind: 'unavailable', cause: 'protocol', status };
  }
  if (status >= 200 && status < 300) return { kind: 'ok', status, body };
  if (status >= 400) return { kind: 'error', status, code: errorCode(response, body) };
  return { kind: 'unavailable', cause: 'protocol', status };
}

/** GoTrue's code: `x-sb-error-code`, the 2024 body's `code`, the legacy `error_code`, or an OAuth `error`. */
function errorCode(response: Response, body: unknown): string | null {
  const header = response.headers.get('x-sb-error-code');
  if (header !== null && header !== '') return header;
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  for (const key of ['code', 'error_code', 'error'] as const) {
    const value = record[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

async function discard(response: Response, result: GoTrueResult): Promise<GoTrueResult> {
  // Release the connection; a body that fails to drain changes nothing about the answer.
  await response.body?.cancel().catch(() => undefined);
  return result;
}
