// What the middleware hands the handlers after it, per request: kept beside the request (a WeakMap), never on it.
import { LockstepError, type AuthState, type Lockstep, type RequestLike, type Session, type SessionClaims, type SessionUser } from '@lockstep/core';
import type { IncomingMessage } from 'node:http';

/** A Node request, or a framework's wrapper around one (Fastify's `request.raw`). */
export type NodeRequest = IncomingMessage | { readonly raw: IncomingMessage };

/** The request's auth state with the verified parts spelled out (`null` each when not authenticated). The session's tokens are secrets: never log them. */
export interface AuthView { readonly auth: AuthState; readonly user: SessionUser | null; readonly claims: SessionClaims | null; readonly session: Session | null }

/** The instance, the request as the core read it (with the `Cookie` header the handlers see), and the latest auth state. */
interface RequestState { readonly instance: Lockstep; readonly request: RequestLike; auth: AuthState }

/** Per request: set by the middleware, read by the guard and helpers. */
export const STATES = new WeakMap<IncomingMessage, RequestState>();

/** The middleware's state for this request; misuse (no middleware in front) throws. */
export function stateOf(req: NodeRequest): RequestState {
  const state = STATES.get('raw' in req ? req.raw : req);
  if (state === undefined) throw new LockstepError('ERR_CONFIG_INVALID', 'This helper runs behind the lockstep() middleware; mount it in front of this route.');
  return state;
}

/**
 * The auth state the middleware (or a later `requireUser()`) established for this request.
 *
 * @example
 * app.get('/dashboard', (req, res) => { res.json({ id: getAuth(req).user?.id ?? null }); });
 */
export function getAuth(req: NodeRequest): AuthView {
  const { auth } = stateOf(req);
  const verified = auth.kind === 'authenticated' ? auth : null;
  return { auth, user: verified?.user ?? null, claims: verified?.claims ?? null, session: verified?.session ?? null };
}
