// The plain-data request and result records that handlers consume and produce.
import type { ApiError } from './api-error.js';
import type { MockAuthState } from './state.js';

/** A parsed GoTrue request; the clock was read once into `nowMs`. */
export interface MockRequest {
  readonly method: string;
  readonly url: URL;
  /** The path below `/auth/v1`, e.g. `/token`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Headers;
  /** The JSON body as an object (`{}` when empty). */
  readonly body: Readonly<Record<string, unknown>>;
  readonly nowMs: number;
  readonly requestId: string;
}

/** What a handler decided; rendered into a `Response` once, at the edge. */
export type HandlerResult =
  | { readonly kind: 'json'; readonly status: number; readonly body: unknown; readonly headers?: Readonly<Record<string, string>> }
  | { readonly kind: 'error'; readonly error: ApiError; readonly headers?: Readonly<Record<string, string>> }
  | { readonly kind: 'redirect'; readonly status: 302 | 303; readonly location: string }
  | { readonly kind: 'empty'; readonly status: 204 }
  | { readonly kind: 'html'; readonly status: number; readonly html: string };

/** A GoTrue endpoint handler. */
export type Handler = (state: MockAuthState, request: MockRequest) => Promise<HandlerResult>;

/** Shorthand for a JSON result. */
export function json(status: number, body: unknown, headers?: Readonly<Record<string, string>>): HandlerResult {
  return headers === undefined ? { kind: 'json', status, body } : { kind: 'json', status, body, headers };
}

/** Shorthand for an error result. */
export function fail(error: ApiError, headers?: Readonly<Record<string, string>>): HandlerResult {
  return headers === undefined ? { kind: 'error', error } : { kind: 'error', error, headers };
}

/** Reads a string field of the body; `undefined` for missing, null or non-string values. */
export function stringField(body: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' ? value : undefined;
}

/** Reads an object field of the body; `{}` when missing or not an object. */
export function objectField(body: Readonly<Record<string, unknown>>, key: string): Record<string, unknown> {
  const value = body[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
}
