// A guard's denial carries the request's id and, in debug mode, its own debug line; a client-sent id is a label at most.
import { describe, expect, it } from 'vitest';
import { cookieInstance } from '../adapter/test-support/cookie-instance.js';
import type { LockstepEvent } from '../events.js';
import type { RouteRule } from '../routes/route-rule.js';
import { GUARD_DEBUG_HEADER } from './guard-trace.js';
import { REQUEST_ID_HEADER } from './request-trace.js';

const ROUTES: RouteRule[] = [
  { match: '/', access: 'public' },
  { match: '/admin/**', access: 'protected', verify: 'user' },
];
const DOCUMENT = { accept: 'text/html', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function traced(debug: boolean, withEvents = true) {
  const events: LockstepEvent[] = [];
  const instance = cookieInstance({}, { routes: ROUTES, debug, ...(withEvents ? { onEvent: (event: LockstepEvent) => void events.push(event) } : {}) });
  return { instance, events };
}

function header(headers: readonly (readonly [string, string])[], name: string): string | undefined {
  return headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}

describe('traceGuard', () => {
  it("a denial carries the middleware's id, and in debug mode the rule, mode and reason; a client-sent id never survives the middleware", async () => {
    const { instance, events } = traced(true);
    const outcome = await instance.handle(new Request('http://app.test/', { headers: { ...DOCUMENT, [REQUEST_ID_HEADER]: 'forged-by-the-client' } }));
    const id = outcome.requestId ?? '';
    expect(id).toMatch(UUID);
    expect(id).not.toBe('forged-by-the-client');

    const result = await instance.guard(new Request('http://app.test/admin/users', { headers: { ...DOCUMENT, [REQUEST_ID_HEADER]: id } }));
    if (result.kind !== 'denied') throw new Error('expected a denial');
    expect(result.outcome.requestId).toBe(id);
    expect(header(result.outcome.headers, GUARD_DEBUG_HEADER)).toBe(`rule="rules[1] /admin/**"; access=protected; verify=user; session=none; outcome=redirect 307; reason=no_session; request=${id}`);
    const decided = events.filter((event) => event.type === 'guard.decided');
    expect(decided).toEqual([expect.objectContaining({ requestId: id, allowed: false, mode: 'user', reason: 'no_session' })]);
    const request = events.find((event) => event.type === 'request.decided');
    expect(request?.requestId).toBe(id);
  });

  it('without a forwarded id (or with one not of our form) the denial and the guard.decided event share one new id', async () => {
    for (const sent of [undefined, 'short', 'has spaces in it', 'a'.repeat(65), 'latin\u00e9-not-ours']) {
      const { instance, events } = traced(true);
      const headers: Record<string, string> = { accept: 'application/json' };
      if (sent !== undefined) headers[REQUEST_ID_HEADER] = sent;
      const result = await instance.guard(new Request('http://app.test/admin', { headers }));
      if (result.kind !== 'denied') throw new Error('expected a denial');
      expect(result.outcome.status).toBe(401);
      expect(result.outcome.requestId).toMatch(UUID);
      expect(events.filter((event) => event.type === 'guard.decided').map((event) => event.requestId)).toEqual([result.outcome.requestId]);
      expect(header(result.outcome.headers, GUARD_DEBUG_HEADER)).toMatch(/; outcome=respond 401; reason=no_session; request=[0-9a-f-]{36}$/);
    }
  });

  it('a valid client-sent id on a request no middleware saw labels the guard events only: the decision is the same', async () => {
    const { instance, events } = traced(false);
    const alone = await instance.guard(new Request('http://app.test/admin', { headers: { accept: 'application/json', cookie: 'stub-session=good', [REQUEST_ID_HEADER]: 'client-chosen-label' } }));
    expect(alone.kind).toBe('allowed');
    expect(events.filter((event) => event.type === 'guard.decided')).toEqual([expect.objectContaining({ requestId: 'client-chosen-label', allowed: true })]);
    const denied = await instance.guard(new Request('http://app.test/admin', { headers: { accept: 'application/json', cookie: 'stub-session=bad', [REQUEST_ID_HEADER]: 'client-chosen-label' } }));
    expect(denied.kind).toBe('denied');
  });

  it('debug off: no debug line; tracing off: the denial is untouched (no id, no header)', async () => {
    const request = () => new Request('http://app.test/admin', { headers: DOCUMENT });
    const eventsOnly = await traced(false).instance.guard(request());
    if (eventsOnly.kind !== 'denied') throw new Error('expected a denial');
    expect(eventsOnly.outcome.requestId).toMatch(UUID);
    expect(header(eventsOnly.outcome.headers, GUARD_DEBUG_HEADER)).toBeUndefined();

    const plain = await traced(false, false).instance.guard(request());
    if (plain.kind !== 'denied') throw new Error('expected a denial');
    expect(plain.outcome.requestId).toBeUndefined();
    expect(header(plain.outcome.headers, GUARD_DEBUG_HEADER)).toBeUndefined();

    const debugOnly = await traced(true, false).instance.guard(request());
    if (debugOnly.kind !== 'denied') throw new Error('expected a denial');
    expect(header(debugOnly.outcome.headers, GUARD_DEBUG_HEADER)).toContain(`request=${debugOnly.outcome.requestId ?? 'missing'}`);
  });
});
