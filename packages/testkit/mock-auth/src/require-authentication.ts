// Bearer-token checks of authenticated GoTrue endpoints, in the server's order (spec §2.4, `auth.go`).
import type { JWTPayload } from 'jose';
import { verifyJwt } from './access-token.js';
import { apiError, type ApiError } from './api-error.js';
import type { MockRequest } from './handler-types.js';
import { isUuid } from './ids.js';
import type { SessionRecord, UserRecord } from './records.js';
import type { MockAuthState } from './state.js';
import { isBanned } from './users.js';

/** Outcome of the authentication checks. */
export type AuthCheck =
  | { readonly kind: 'ok'; readonly user: UserRecord; readonly session: SessionRecord | null; readonly claims: JWTPayload }
  | { readonly kind: 'error'; readonly error: ApiError };

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const BEARER_RE = /^bearer (\S+)$/i;

/** Extracts the bearer token, or `null`. */
export function bearerToken(headers: Headers): string | null {
  return BEARER_RE.exec(headers.get('authorization') ?? '')?.[1] ?? null;
}

/** Verifies the bearer JWT only (steps 1–2); used by the admin endpoints. */
export async function requireJwt(
  state: MockAuthState,
  request: MockRequest,
): Promise<{ kind: 'ok'; claims: JWTPayload } | { kind: 'error'; error: ApiError }> {
  const token = bearerToken(request.headers);
  if (token === null) return { kind: 'error', error: apiError(401, 'no_authorization', 'This endpoint requires a valid Bearer token') };
  const verified = await verifyJwt(state.keys, token, request.nowMs);
  if (verified.kind === 'invalid') {
    return { kind: 'error', error: apiError(403, 'bad_jwt', `invalid JWT: unable to parse or verify signature, ${verified.reason}`) };
  }
  return { kind: 'ok', claims: verified.claims };
}

/**
 * Runs checks 1–7 of spec §2.4 for `GET/PUT /user` and `/logout`.
 *
 * @example
 * const auth = await requireAuthentication(state, request);
 * if (auth.kind === 'error') return fail(auth.error);
 */
export async function requireAuthentication(state: MockAuthState, request: MockRequest): Promise<AuthCheck> {
  const jwt = await requireJwt(state, request);
  if (jwt.kind === 'error') return jwt;
  const { claims } = jwt;
  const err = (status: number, code: string, message: string): AuthCheck => ({ kind: 'error', error: apiError(status, code, message) });
  if (claims.sub === undefined || claims.sub === '') return err(403, 'bad_jwt', 'invalid claim: missing sub claim');
  if (!isUuid(claims.sub)) return err(400, 'bad_jwt', 'invalid claim: sub claim must be a UUID');
  const user = state.store.users.get(claims.sub);
  if (user === undefined) return err(403, 'user_not_found', 'User from sub claim in JWT does not exist');
  let session: SessionRecord | null = null;
  const sessionId = claims.session_id;
  if (sessionId !== undefined && sessionId !== NIL_UUID) {
    if (!isUuid(sessionId)) return err(403, 'bad_jwt', 'invalid claim: session_id claim must be a UUID');
    session = state.store.sessions.get(sessionId) ?? null;
    if (session === null) return err(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
  }
  if (isBanned(user, request.nowMs)) return err(403, 'user_banned', 'User is banned');
  const requestAud = request.headers.get('x-jwt-aud');
  const tokenAud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (requestAud !== null && requestAud !== '' && !tokenAud.includes(requestAud)) {
    return err(400, 'validation_failed', "Token audience doesn't match request audience");
  }
  return { kind: 'ok', user, session, claims };
}
