// One call to the Supabase Auth (GoTrue) API with a hard timeout and an explicit classification of every failure.
import { boundedCall, bodyErrorCode, type AnswerPolicy, type CallResult } from '@lockstep/core/provider';

/**
 * We call GoTrue with `fetch` directly instead of through auth-js (`@supabase/supabase-js`):
 * auth-js retries transient failures for up to ~25 s inside one call (a request would hang that
 * long), clears the stored session itself on some errors, and folds different failures into the
 * same error classes. The core needs a bounded call and to keep "the server said no" (sign out),
 * "the server could not answer" (keep cookies) and "the answer made no sense" apart.
 */
export type GoTrueResult = CallResult;

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

/** GoTrue's statuses: 409 is "too many concurrent refreshes on this session" (a retry later succeeds); the code is in `x-sb-error-code` or the body. */
const GOTRUE_ANSWERS: AnswerPolicy = {
  retryLater: new Set([409]),
  bodylessRefusals: new Set(),
  errorCode: (response, body) => {
    const header = response.headers.get('x-sb-error-code');
    return header !== null && header !== '' ? header : bodyErrorCode(body);
  },
};

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
  const body = request.body === undefined ? null : JSON.stringify(request.body);
  return boundedCall(ctx.fetch, `${ctx.authUrl}${request.path}`, { method: request.method, headers, body }, ctx.timeoutMs, GOTRUE_ANSWERS);
}
