// describeEvent: each event type gets its line of panel text, built from non-identifying fields only.
import type { LockstepEvent } from '@lockstep/core';
import { describe, expect, it } from 'vitest';
import { describeEvent } from '../src/describe-event.js';

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
  ])('%o', (event, text) => {
    expect(describeEvent(event)).toBe(text);
  });

  it('never shows the user id', () => {
    expect(describeEvent({ type: 'session.refreshed', userId: 'user-secretish-id' })).not.toContain('user-secretish-id');
  });
});
