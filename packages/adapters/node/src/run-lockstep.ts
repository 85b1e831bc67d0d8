// One core call per Node request, the outcome translated with an exhaustive switch (shared by every entry).
import { instanceFrom, toWebResponse, type Lockstep, type LockstepEffects, type RouterSemantics } from '@lockstep/core';
import { applyChangesToRecord, downstreamChanges, unhandledOutcome } from '@lockstep/core/adapter';
import { fromSetup, type LockstepSetup } from '@lockstep/supabase';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toCoreRequest } from './request.js';
import { STATES } from './request-state.js';
import { applyOnWriteHead } from './response.js';

export type { RouterSemantics } from '@lockstep/core';

/**
 * What every entry's `lockstep()` takes: the one-object Supabase form, the engine's options with any
 * provider, or an instance; and, for tests, the effects (the contract suite hands in its mock's).
 */
export type LockstepArgs = [setup: LockstepSetup, effects?: LockstepEffects];

/** The instance an entry runs: the one given, or one built with the router's semantics as defaults (the app's own settings win). */
export const toInstance = (router: RouterSemantics, ...[setup, effects]: LockstepArgs): Lockstep => instanceFrom(fromSetup(setup), router, effects);

/**
 * Decides the request. `null`: go on to the app, with the auth state published, the new cookies in
 * `req.headers.cookie` and the writes hooked onto `res`. Otherwise the response to send instead.
 */
export async function runLockstep(instance: Lockstep, req: IncomingMessage, res: ServerResponse): Promise<Response | null> {
  const request = toCoreRequest(req);
  if (request === null) return new Response('Bad request target.', { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store' } });
  const outcome = await instance.handle(request);
  switch (outcome.kind) {
    case 'redirect':
    case 'respond':
      return toWebResponse(outcome);
    case 'continue': {
      // The handlers' `req.headers` (and the guards' request) get the new session's `Cookie` and the request's id.
      const changes = downstreamChanges(new Headers(request.headers), outcome);
      applyChangesToRecord(req, changes);
      STATES.set(req, { instance, request: changes.length > 0 ? (toCoreRequest(req) ?? request) : request, auth: outcome.auth });
      applyOnWriteHead(res, outcome);
      return null;
    }
    default:
      return unhandledOutcome(outcome);
  }
}
