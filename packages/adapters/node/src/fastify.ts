// Entry @lockstep/node/fastify: an onRequest hook and a preHandler guard with Fastify 5's routing defaults.
import { toWebResponse, type RedirectOutcome, type RespondOutcome, type VerifyMode } from '@lockstep/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { guardRequest } from './auth-helpers.js';
import { runLockstep, toInstance, type LockstepArgs, type RouterSemantics } from './run-lockstep.js';

/**
 * Fastify 5's router (find-my-way) by default: `caseSensitive: true`, `ignoreTrailingSlash: false`
 * (`/admin/` is not `/admin`). If you change either, pass `caseSensitive` / `trailingSlash` in the options.
 */
export const FASTIFY_ROUTER: RouterSemantics = { caseSensitive: true, trailingSlash: 'strict' };

/** An async hook: `undefined` lets Fastify go on; a reply it sent ends the request. */
export type FastifyHook = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

/**
 * The `onRequest` hook. Create it once; `app.addHook('onRequest', lockstep(options))` at the root
 * (not inside an encapsulated plugin), so it runs for every route and for the 404 handler.
 */
export function lockstep(...args: LockstepArgs): FastifyHook {
  const instance = toInstance(FASTIFY_ROUTER, ...args);
  return async (request, reply) => runLockstep(instance, request.raw, reply.raw).then((response) => (response === null ? undefined : sendResponse(reply, response)));
}

/**
 * A `preHandler` guard: re-verifies the forwarded session in `mode`, answers as the hook would when there is none.
 *
 * @example
 * app.get('/admin', { preHandler: requireUser('user') }, (request) => ({ id: getAuth(request).user?.id }));
 */
export const requireUser = (mode?: VerifyMode): FastifyHook => async (request, reply) =>
  guardRequest(request, mode).then((result) => (result.kind === 'allowed' ? undefined : sendOutcome(reply, result.outcome)));

/** Sends an outcome the core decided (a sign-in, sign-out or callback redirect, a denial) through the reply, so Fastify's own hooks run. */
export const sendOutcome = (reply: FastifyReply, outcome: RedirectOutcome | RespondOutcome): Promise<FastifyReply> => sendResponse(reply, toWebResponse(outcome));

async function sendResponse(reply: FastifyReply, response: Response): Promise<FastifyReply> {
  for (const [name, value] of response.headers) reply.header(name, value); // Fastify keeps repeated Set-Cookie apart
  return reply.code(response.status).send(Buffer.from(await response.arrayBuffer()));
}

export { exchangeCode, signInWithPassword, signOut, supabaseFor } from './auth-helpers.js';
export { getAuth, type AuthView, type NodeRequest } from './request-state.js';
