// describeEvent: each event type gets its line of panel text, built from non-identifying fields only.
import type { LockstepEvent } from '@lockstep/core';
import { describe, expect, it } from 'vitest';
import { describeEvent } from '../src/describe-event.js';
import { createEventLog } from '../src/event-log.js';

describe('describeEvent', () => {
  it.each<[LockstepEvent, string]>([
    [{ type: 'session.refreshed', userId: 'u1' }, 'the auth server issued a new token pair'],
    [{ type: 'session.refresh_joined', userId: 'u1' }, 'waited for a refresh another request had started'],
    [{ type: 'session.successor_replayed', userId: 'u1' }, 'spent refresh token answered from the successor cache'],
    [{ type: 'session.signed_in', userId: 'u1' }, 'new session'],
    [{ type: 'session.signed_out', reason: 'no_session' }, 'reason: no_session'],
    [{ type: 'cookie.malformed', reason: 'not_json' }, 'reason: not_json'],
    [{ type: 'route.malformed', reason: 'bad_path' }, 'reason: bad_path'],
    [{ type: 'auth.unavailable', operation: 'refresh', cause: 'timeout' }, 'refresh: timeout'],
    [{ type: 'auth.unavailable', operation: 'user', cause: 'server_error', status: 503 }, 'user: server_error (503)'],
    [{ type: 'route.denied', path: '/admin', access: 'protected', requestKind: 'document', response: 'redirect' }, '/admin → redirect'],
    [{ type: 'session.verified', mode: 'claims', cached: false, userId: 'u1' }, 'claims'],
    [{ type: 'session.verified', mode: 'user', cached: true, userId: 'u1' }, 'user, cached'],
    [{ type: 'refresh.store_unavailable', code: 'ECONNREFUSED' }, 'ECONNREFUSED'],
    [{ type: 'refresh.store_unavailable' }, 'store error'],
    [{ type: 'revocation.store_unavailable', policy: 'open', code: 'ERR_REDIS_STORE_TIMEOUT' }, 'revocations may be stale (verifying locally) [ERR_REDIS_STORE_TIMEOUT]'],
    [{ type: 'revocation.store_unavailable', policy: 'closed' }, 'revocations may be stale (asking the auth server)'],
    [{ type: 'revocation.store_available' }, 'revocations current again'],
    [{ type: 'config.warning', code: 'debug_ignored_in_production' }, 'debug_ignored_in_production'],
    [{ type: 'auth.call', operation: 'refresh', result: 'ok', status: 200, durationMs: 12.5 }, 'refresh: ok (200) in 12.5 ms'],
    [{ type: 'guard.decided', mode: 'user', allowed: false, reason: 'session_expired', durationMs: 1 }, 'guard (user): denied, session_expired'],
    [
      { type: 'request.decided', requestId: 'req-12345678', durationMs: 3, rule: 'rules[1] /admin/**', access: 'protected', verify: 'user', session: 'refreshed', outcome: 'continue', status: 0, reason: 'authenticated' },
      'rule="rules[1] /admin/**"; access=protected; verify=user; session=refreshed; outcome=continue; reason=authenticated; request=req-12345678',
    ],
  ])('%o', (event, text) => {
    expect(describeEvent(event)).toBe(text);
  });

  it('never shows the user id', () => {
    expect(describeEvent({ type: 'session.refreshed', userId: 'user-secretish-id' })).not.toContain('user-secretish-id');
  });
});

describe('createEventLog', () => {
  it("shows a user the decisions of their own requests, nobody else's, and no anonymous ones", () => {
    const log = createEventLog(10, () => 100);
    const decided = (requestId: string) => ({ type: 'request.decided', requestId, durationMs: 1, rule: 'default', access: 'protected', verify: 'claims', session: 'verified', outcome: 'continue', status: 0, reason: 'authenticated' }) as const;
    log.record({ type: 'session.verified', mode: 'claims', cached: false, userId: 'ada', requestId: 'req-ada-0001' });
    log.record(decided('req-ada-0001'));
    log.record({ type: 'session.refreshed', userId: 'bob', requestId: 'req-bob-0001' });
    log.record(decided('req-bob-0001'));
    log.record(decided('req-anon-001'));
    expect(log.recentFor('ada', 10).map(({ event }) => event.type)).toEqual(['request.decided']);
    expect(log.recentFor('bob', 10).map(({ event }) => event.type)).toEqual(['request.decided', 'session.refreshed']);
    expect(log.recentFor('carol', 10)).toEqual([]);
  });

  it('shows at most three decisions, so a burst of requests never pushes the shared refresh out of the panel', () => {
    const log = createEventLog(200, () => 100);
    const decided = (requestId: string) => ({ type: 'request.decided', requestId, durationMs: 1, rule: 'default', access: 'protected', verify: 'claims', session: 'replayed', outcome: 'continue', status: 0, reason: 'authenticated' }) as const;
    log.record({ type: 'session.refreshed', userId: 'ada', requestId: 'req-ada-0000' });
    for (let i = 1; i <= 20; i++) {
      log.record({ type: 'session.successor_replayed', userId: 'ada', requestId: `req-ada-${String(i).padStart(4, '0')}` });
      log.record(decided(`req-ada-${String(i).padStart(4, '0')}`));
    }
    const shown = log.recentFor('ada', 21).map(({ event }) => event.type);
    expect(shown.filter((type) => type === 'request.decided')).toHaveLength(3);
    expect(shown.filter((type) => type !== 'request.decided')).toHaveLength(21);
    expect(shown).toContain('session.refreshed');
  });
});
