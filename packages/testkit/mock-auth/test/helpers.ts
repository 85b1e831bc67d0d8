// Test helpers: raw GoTrue calls through a mock's in-process handler, with the headers auth-js sends.
import { decodeJwt } from 'jose';
import type { AccessTokenResponse, MockAuth } from '../src/index.js';

/** A decoded response. */
export interface CallResult {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

/** Options of {@link call}. */
export interface CallOptions {
  readonly body?: unknown;
  /** Bearer token; the anon key when absent. */
  readonly token?: string;
  /** Send `X-Supabase-Api-Version: 2024-01-01`. @default true */
  readonly apiVersion?: boolean;
  readonly headers?: Record<string, string>;
}

/** Calls `path` below `/auth/v1` through `mock.handle`. */
export async function call(mock: MockAuth, method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const headers = new Headers({ apikey: mock.anonKey, Authorization: `Bearer ${options.token ?? mock.anonKey}`, ...options.headers });
  if (options.apiVersion ?? true) headers.set('X-Supabase-Api-Version', '2024-01-01');
  if (options.body !== undefined) headers.set('Content-Type', 'application/json;charset=UTF-8');
  const response = await mock.handle(
    new Request(`${mock.url}/auth/v1${path}`, {
      method,
      headers,
      body: options.body === undefined ? null : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    }),
  );
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

/** Password sign-in; fails the test unless it returns a session. */
export async function signInWithPassword(mock: MockAuth, email: string, password: string): Promise<AccessTokenResponse> {
  const result = await call(mock, 'POST', '/token?grant_type=password', { body: { email, password } });
  if (result.status !== 200) throw new Error(`sign-in failed with ${result.status}`);
  return result.body as unknown as AccessTokenResponse;
}

/** A refresh-token grant. */
export function refresh(mock: MockAuth, refreshToken: string): Promise<CallResult> {
  return call(mock, 'POST', '/token?grant_type=refresh_token', { body: { refresh_token: refreshToken } });
}

/** Refreshes and returns the new refresh token; fails the test on an error. */
export async function refreshOk(mock: MockAuth, refreshToken: string): Promise<string> {
  const result = await refresh(mock, refreshToken);
  if (result.status !== 200) throw new Error(`refresh failed with ${result.status} ${String(result.body.code)}`);
  return result.body.refresh_token as string;
}

/** The `session_id` claim of an access token. */
export function sessionIdOf(accessToken: string): string {
  return decodeJwt(accessToken).session_id as string;
}

/** A seed user every test file uses. */
export const ALICE = { email: 'alice@example.com', password: 'alice-password' } as const;
