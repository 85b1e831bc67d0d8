// One core call per Node request, the outcome translated with an exhaustive switch (shared by every entry).
import { createLockstep, toWebResponse, type Lockstep, type LockstepEffects, type LockstepOptions } from '@lockstep/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { forwardCookie, toCoreRequest } from './request.js';
import { STATES } from './request-state.js';
import { applyOnWriteHead } from './response.js';

/** How a framework's router reads paths; each entry declares its own (see the README). */
export type RouterSemantics = Pick<LockstepOptions, 'caseSensitive' | 'trailingSlash'>;

/** The instance for `options` with the router's semantics as defaults (options given win), or the given instance as it is. */
export function toInstance(options: LockstepOptions | Lockstep, router: RouterSemantics, effects?: LockstepEffects): Lockstep {
  return typeof (options as Partial<Lockstep>).handle === 'function' ? (options as Lockstep) : createLockstep({ ...router, ...(options as LockstepOptions) }, effects);
}

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
      const changed = outcome.cookies.writes.length > 0;
      if (changed) forwardCookie(req, outcome.requestCookieHeader);
      STATES.set(req, { instance, request: changed ? (toCoreRequest(req) ?? request) : request, auth: outcome.auth });
      applyOnWriteHead(res, outcome);
      return null;
    }
    default:
      // Only the tag: an outcome carries cookie values, which never go into a message.
      throw new TypeError(`Unhandled Lockstep outcome kind: ${String((outcome as { kind?: unknown }).kind)}`);
  }
}
