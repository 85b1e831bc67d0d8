// C38: a request is followed from the middleware to the server guard under one id, which the client cannot choose.
import type { LockstepEvent } from '@lockstep/core';
import { describe, expect, it } from 'vitest';
import type { ContractEnv } from '../environment.js';

/** A well-formed id a client might send to label (or mislabel) its request. */
const CLIENT_ID = 'client-chosen-request-id';

type Decided = Extract<LockstepEvent, { type: 'request.decided' | 'guard.decided' }>;

/**
 * The guard's decision and the middleware's decision of the request it ran in (the one with its id), or
 * `null` until both arrived. Other requests (a harness's readiness probe) report under other ids.
 */
function decidedPair(events: readonly LockstepEvent[]): { request: Decided; guard: Decided } | null {
  const guard = events.find((event): event is Decided => event.type === 'guard.decided');
  const request = events.find((event): event is Decided => event.type === 'request.decided' && event.requestId === guard?.requestId);
  return request === undefined || guard === undefined ? null : { request, guard };
}

export function correlationScenarios(env: ContractEnv): void {
  describe('C38 with onEvent on, the guard reports under the middleware request id; a client-sent id is replaced', () => {
    it('signed in: request.decided and guard.decided carry the same id, not the one the client sent', async () => {
      const sink = await env.eventSink();
      const app = await env.startApp({ eventSink: sink.url });
      const { cookie } = await env.signIn();
      const response = await env.send('/guarded/admin', { app, cookie, as: 'api', headers: { 'lockstep-request-id': CLIENT_ID } });
      expect(response.status).toBe(200);
      await response.body?.cancel();
      const events = await sink.waitFor((received) => decidedPair(received) !== null, 'guard.decided and the request.decided of its request');
      const pair = decidedPair(events);
      expect(pair?.guard).toMatchObject({ type: 'guard.decided', allowed: true, mode: 'user' });
      expect(pair?.request.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
      expect(pair?.guard.requestId).toBe(pair?.request.requestId);
      expect(events.filter((event) => event.type === 'guard.decided')).toHaveLength(1);
      expect(events.map((event) => event.requestId)).not.toContain(CLIENT_ID);
    });

    it("anonymous: the guard's denial is reported under the middleware's id too", async () => {
      const sink = await env.eventSink();
      const app = await env.startApp({ eventSink: sink.url });
      const response = await env.send('/guarded/admin', { app, as: 'api', headers: { 'lockstep-request-id': CLIENT_ID } });
      expect(response.status).toBe(401);
      await response.body?.cancel();
      const pair = decidedPair(await sink.waitFor((received) => decidedPair(received) !== null, 'guard.decided and the request.decided of its request'));
      expect(pair?.guard).toMatchObject({ allowed: false, reason: 'no_session' });
      expect(pair?.guard.requestId).toBe(pair?.request.requestId);
      expect(pair?.guard.requestId).not.toBe(CLIENT_ID);
    });
  });
}
