// What the middleware hands the handlers after it, per request: kept beside the request, never on it.
import { LockstepError, type AuthState, type Lockstep, type RequestLike, type Session, type SessionClaims, type SessionUser } from '@lockstep/core';
import type { IncomingMessage } from 'node:http';

/** A Node request, or a framework's wrapper around one (Fastify's `request.raw`). */
export type NodeRequest = IncomingMessage | { readonly raw: IncomingMessage };

/** The request's auth state with the verified parts spelled out (`null` each when not authenticated). */
export interface AuthView {
  readonly auth: AuthState;
  readonly user: SessionUser | null;
  readonly claims: SessionClaims | null;
  /** The (possibly just refreshed) session. Its tokens are secrets: never log them. */
  readonly session: Session | null;
}

interface RequestState {
  readonly instance: Lockstep;
  /** The request as the core read it, with the `Cookie` header the handlers see. */
  readonly request: RequestLike;
  auth: AuthState;
}

const STATES = new WeakMap<IncomingMessage, RequestState>();

export function rawOf(req: NodeRequest): IncomingMessage {
  return 'raw' in req ? req.raw : req;
}

export function publish(req: IncomingMessage, state: RequestState): void {
  STATES.set(req, state);
}

/** The middleware's state for this request; misuse (no middleware in front) throws. */
export function stateOf(req: NodeRequest): RequestState {
  const state = STATES.get(rawOf(req));
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
