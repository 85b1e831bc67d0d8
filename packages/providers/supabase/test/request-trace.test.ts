// Tracing: one id per request across its events and the guard, the decision event, auth-call timing, and the debug header.
import { describe, expect, it } from 'vitest';
import { applyOutcomeToResponse, toWebResponse, type LockstepEvent } from '@lockstep/core';
import { createHarness } from './support.js';

const LIFETIME = 3600;

function ofType<T extends LockstepEvent['type']>(events: readonly LockstepEvent[], type: T): Extract<LockstepEvent, { type: T }>[] {
  return events.filter((event): event is Extract<LockstepEvent, { type: T }> => event.type === type);
}

describe('request correlation', () => {
  it('every event of one request carries its id, the outcome carries it, and the guard joins it through the forwarded header', async () => {
    const h = await createHarness();
    const cookie = h.cookieFor(await h.signIn());
    h.mock.controls.clock.advance(LIFETIME + 5);
    const outcome = await h.lockstep.handle(h.request('/dashboard', { cookie }));
    expect(outcome.kind).toBe('continue');
    const id = outcome.requestId;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(h.events.length).toBeGreaterThanOrEqual(3);
    expect(new Set(h.events.map((event) => event.requestId))).toEqual(new Set([id]));
    expect(h.events.at(-1)).toMatchObject({ type: 'request.decided', session: 'refreshed', outcome: 'continue', reason: 'authenticated', access: 'protected', verify: 'claims' });
    expect(ofType(h.events, 'auth.call')).toEqual([expect.objectContaining({ operation: 'refresh', result: 'ok', status: 200, requestId: id })]);
    expect(ofType(h.events, 'auth.call')[0]?.durationMs).toBeGreaterThanOrEqual(0);

    // The page's guard gets the refreshed cookies and the id the middleware forwarded.
    if (outcome.kind !== 'continue') throw new Error('unreachable');
    h.events.length = 0;
    const downstream = new Request('http://app.test/admin/panel', { headers: { cookie: outcome.requestCookieHeader, 'lockstep-request-id': id ?? '' } });
    const guarded = await h.lockstep.guard(downstream);
    expect(guarded.kind).toBe('allowed');
    expect(h.events.map((event) => event.requestId)).toEqual(h.events.map(() => id));
    expect(ofType(h.events, 'auth.call')).toEqual([expect.objectContaining({ operation: 'user', result: 'ok', status: 200 })]);
    expect(ofType(h.events, 'guard.decided')).toEqual([expect.objectContaining({ mode: 'user', allowed: true, reason: 'authenticated' })]);
  });

  it('a forwarded id that is not one of ours (too short, odd characters) is replaced', async () => {
    const h = await createHarness();
    for (const sent of ['x', 'a b c d e f g h', 'abc\u00e9defgh1', 'a'.repeat(65)]) {
      h.events.length = 0;
      await h.lockstep.verifyRequest(new Request('http://app.test/dashboard', { headers: { 'lockstep-request-id': sent } }));
      const [decided] = ofType(h.events, 'guard.decided');
      expect(decided?.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(decided).toMatchObject({ allowed: false, reason: 'no_session' });
    }
  });

  it('concurrent requests at expiry: one refresh call, the rest joined, each request with its own id', async () => {
    const h = await createHarness();
    const cookie = h.cookieFor(await h.signIn());
    h.mock.controls.clock.advance(LIFETIME + 5);
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => h.lockstep.handle(h.request('/dashboard', { cookie }))));
    expect(ofType(h.events, 'auth.call').filter((event) => event.operation === 'refresh')).toHaveLength(1);
    const decided = ofType(h.events, 'request.decided');
    expect(decided).toHaveLength(20);
    expect(new Set(decided.map((event) => event.requestId)).size).toBe(20);
    expect(decided.filter((event) => event.session === 'refreshed')).toHaveLength(1);
    expect(decided.filter((event) => event.session === 'joined')).toHaveLength(19);
    expect(new Set(outcomes.map((outcome) => outcome.requestId))).toEqual(new Set(decided.map((event) => event.requestId)));
  });

  it('without onEvent and debug, outcomes carry no id and no debug header', async () => {
    const h = await createHarness({ onEvent: undefined });
    const outcome = await h.lockstep.handle(h.request('/'));
    expect(outcome.requestId).toBeUndefined();
    expect(outcome.headers.some(([name]) => name === 'Lockstep-Debug')).toBe(false);
  });
});

describe('debug header', () => {
  it('names the rule, mode, session source and the denial reason; never a token or cookie', async () => {
    const h = await createHarness({ debug: true });
    const session = await h.signIn();
    const cookie = h.cookieFor(session);
    h.mock.controls.clock.advance(LIFETIME + 5);
    const refreshed = await h.lockstep.handle(h.request('/admin/users', { cookie }));
    const text = refreshed.headers.find(([name]) => name === 'Lockstep-Debug')?.[1] ?? '';
    expect(text).toBe(`rule="rules[2] /admin/**"; access=protected; verify=user; session=refreshed; outcome=continue; reason=authenticated; request=${refreshed.requestId ?? ''}`);
    const secrets = [session.access_token, session.refresh_token, cookie, USER_EMAIL];
    const denied = await h.lockstep.handle(h.request('/dashboard'));
    const deniedText = denied.headers.find(([name]) => name === 'Lockstep-Debug')?.[1] ?? '';
    expect(deniedText).toMatch(/^rule="default \(no rule matched: protected\)"; access=protected; verify=claims; session=none; outcome=redirect 307; reason=no_session; request=/);
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      expect(deniedText).not.toContain(secret);
    }
    // The renderers every adapter uses put it on the response: the app's own, and the core's answers.
    expect(applyOutcomeToResponse(new Response('page'), refreshed).headers.get('Lockstep-Debug')).toBe(text);
    if (denied.kind === 'continue') throw new Error('unreachable');
    expect(toWebResponse(denied).headers.get('Lockstep-Debug')).toBe(deniedText);
  });
});

const USER_EMAIL = 'ada@example.com';
