// Connect-style `(req, res, next)` middleware and guard: plain node:http, Express 5, and anything that mounts them.
import { toWebResponse, type RedirectOutcome, type RespondOutcome, type VerifyMode } from '@lockstep/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { guardRequest } from './auth-helpers.js';
import { sendWebResponse } from './response.js';
import { runLockstep, toInstance, type LockstepArgs, type RouterSemantics } from './run-lockstep.js';

/** `(req, res, next)`: Express 5 takes it as it is; `next(error)` reports a failure. */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** Creates the middleware for a router with these semantics; misconfiguration throws here, at startup. */
export function createMiddleware(router: RouterSemantics, ...args: LockstepArgs): NodeMiddleware {
  const instance = toInstance(router, ...args);
  return (req, res, next) => void runLockstep(instance, req, res).then((response) => (response === null ? next() : sendWebResponse(res, response).catch(next)), next);
}

/**
 * A guard in front of a route handler: re-verifies the forwarded session in `mode` and answers as
 * the middleware would when there is none. Defense in depth: it holds even if a route is public by mistake.
 *
 * @example
 * app.get('/admin', requireUser('user'), (req, res) => { res.json({ id: getAuth(req).user?.id }); });
 */
export const requireUser = (mode?: VerifyMode): NodeMiddleware => (req, res, next) =>
  void guardRequest(req, mode).then((result) => (result.kind === 'allowed' ? next() : sendOutcome(res, result.outcome).catch(next)), next);

/** Sends an outcome the core decided (a sign-in, sign-out or callback redirect, a denial). */
export const sendOutcome = (res: ServerResponse, outcome: RedirectOutcome | RespondOutcome): Promise<void> => sendWebResponse(res, toWebResponse(outcome));
