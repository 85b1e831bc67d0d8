// GoTrue error values and their rendering in the 2024-01-01 and legacy envelopes (spec §1.4).

/** An expected GoTrue error: an HTTP status, an error code and a message (never a token value). */
export interface ApiError {
  readonly kind: 'api-error';
  readonly status: number;
  /** The GoTrue error code, e.g. `refresh_token_already_used`; `null` when the server has none. */
  readonly code: string | null;
  readonly message: string;
  /** Extra body fields, e.g. `weak_password: { reasons }`. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** Builds an {@link ApiError}. */
export function apiError(
  status: number,
  code: string | null,
  message: string,
  extra?: Readonly<Record<string, unknown>>,
): ApiError {
  return extra === undefined ? { kind: 'api-error', status, code, message } : { kind: 'api-error', status, code, message, extra };
}

/** The two error envelopes GoTrue can answer with. */
export type ApiVersion = '2024-01-01' | 'legacy';

/** The first API version with the `{code, message}` error body. */
export const API_VERSION_2024 = '2024-01-01';

/**
 * Reads `X-Supabase-Api-Version`: any valid date on or after 2024-01-01 selects the 2024 envelope;
 * missing, earlier or unparseable selects the legacy one.
 */
export function parseApiVersion(header: string | null): ApiVersion {
  if (header === null) return 'legacy';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(header.trim());
  if (match === null) return 'legacy';
  const date = Date.parse(`${header.trim()}T00:00:00Z`);
  if (Number.isNaN(date)) return 'legacy';
  return date >= Date.parse('2024-01-01T00:00:00Z') ? '2024-01-01' : 'legacy';
}

/** The rendered error: status, body and headers, still plain data. */
export interface RenderedError {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Readonly<Record<string, string>>;
}

/** Renders an {@link ApiError} for the requested API version (spec §1.4). */
export function renderApiError(error: ApiError, version: ApiVersion, requestId: string): RenderedError {
  const headers: Record<string, string> = {};
  if (error.code !== null) headers['x-sb-error-code'] = error.code;
  if (version === '2024-01-01') {
    headers['X-Supabase-Api-Version'] = API_VERSION_2024;
    const code = error.code ?? (error.status === 500 ? 'unexpected_failure' : 'unknown');
    return { status: error.status, headers, body: { code, message: error.message, ...error.extra } };
  }
  const body: Record<string, unknown> = { code: error.status };
  if (error.code !== null) body.error_code = error.code;
  body.msg = error.message;
  if (error.status >= 500) body.error_id = requestId;
  return { status: error.status, headers, body: { ...body, ...error.extra } };
}
