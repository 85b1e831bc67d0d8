// createSessionReadCache: only vouched-for reads enter, hits are re-timed, and both bounds hold.
import { describe, expect, it } from 'vitest';
import { hashTokenSync } from '../util/token-hash.js';
import type { Session } from './session.js';
import type { SessionRead, TokenCheck } from './session-provider.js';
import { createSessionReadCache } from './session-read-cache.js';

const EXP = 2_000;
const peek = (accessToken: string) => ({ exp: EXP, sub: accessToken });

function decodeCounting() {
  const calls: string[] = [];
  const decode = (raw: string): { read: SessionRead; cacheable: boolean } => {
    calls.push(raw);
    if (raw.startsWith('bad')) return { read: { kind: 'malformed', reason: 'bad_json' }, cacheable: false };
    const session: Session = { accessToken: `at-${raw}`, refreshToken: `rt-${raw}`, expiresAt: EXP, user: { id: 'u1', raw: { id: 'u1', nested: { a: 1 } } } };
    return { read: { kind: 'present', session }, cacheable: !raw.startsWith('clock') };
  };
  return { calls, decode };
}

const valid = (session: Session): Extract<TokenCheck, { kind: 'valid' }> => ({ kind: 'valid', claims: { sub: session.accessToken, exp: EXP }, user: { id: 'u1', raw: {} }, cached: false });

function presentSession(read: SessionRead): Session {
  if (read.kind !== 'present') throw new Error('expected a present read');
  return read.session;
}

describe('createSessionReadCache', () => {
  const options = { maxEntries: 10, maxBytes: 1_000, hashToken: hashTokenSync, peek };

  it('decodes until a check vouches for the read, then serves the same frozen session with its peek', () => {
    const cache = createSessionReadCache(options);
    const { calls, decode } = decodeCounting();
    const first = cache.read('cookie-a', 1_000, decode);
    expect(cache.read('cookie-a', 1_000, decode)).not.toBe(first);
    const session = presentSession(first);
    expect(Object.isFrozen(session.user?.raw.nested)).toBe(true);
    cache.remember(session, 'claims', valid(session), 1_000);
    const hit = cache.read('cookie-a', 1_001, decode);
    expect(hit).toBe(first);
    expect(hit).toMatchObject({ token: { exp: EXP, sub: 'at-cookie-a' } });
    expect(calls).toEqual(['cookie-a', 'cookie-a']);
    expect(cache.checked(session, 'claims', 1_001)).toMatchObject({ kind: 'valid', cached: true });
    expect(cache.checked(session, 'session', 1_001)).toBeUndefined();
  });

  it('re-times hits: at the claims exp neither the read nor the check is served', () => {
    const cache = createSessionReadCache(options);
    const { calls, decode } = decodeCounting();
    const session = presentSession(cache.read('cookie-a', 1_000, decode));
    cache.remember(session, 'claims', valid(session), 1_000);
    expect(cache.checked(session, 'claims', EXP)).toBeUndefined();
    expect(cache.read('cookie-a', EXP, decode)).not.toBe(cache.read('cookie-a', EXP - 1, decode));
    expect(calls).toHaveLength(3);
  });

  it('never keeps a malformed read, a clock-dependent one, or a check already expired', () => {
    const cache = createSessionReadCache(options);
    const { calls, decode } = decodeCounting();
    expect(cache.read('bad', 1_000, decode)).toEqual({ kind: 'malformed', reason: 'bad_json' });
    const clock = presentSession(cache.read('clock-a', 1_000, decode));
    cache.remember(clock, 'claims', valid(clock), 1_000);
    const late = presentSession(cache.read('cookie-b', 1_000, decode));
    cache.remember(late, 'claims', valid(late), EXP);
    cache.read('clock-a', 1_000, decode);
    cache.read('cookie-b', 1_000, decode);
    expect(calls).toEqual(['bad', 'clock-a', 'cookie-b', 'clock-a', 'cookie-b']);
  });

  it('evicts the least recently used past maxEntries, and past maxBytes', () => {
    for (const bounds of [{ maxEntries: 2, maxBytes: 1_000 }, { maxEntries: 10, maxBytes: 16 }]) {
      const cache = createSessionReadCache({ ...options, ...bounds });
      const { calls, decode } = decodeCounting();
      for (const raw of ['cookie-a', 'cookie-b']) {
        const session = presentSession(cache.read(raw, 1_000, decode));
        cache.remember(session, 'claims', valid(session), 1_000);
      }
      cache.read('cookie-a', 1_000, decode); // a is now the most recent
      const c = presentSession(cache.read('cookie-c', 1_000, decode));
      cache.remember(c, 'claims', valid(c), 1_000);
      calls.length = 0;
      for (const raw of ['cookie-a', 'cookie-b', 'cookie-c']) cache.read(raw, 1_000, decode);
      expect(calls).toEqual(['cookie-b']);
    }
  });

  it('with maxBytes 0 keeps nothing and hands out decode’s own read', () => {
    const cache = createSessionReadCache({ ...options, maxBytes: 0 });
    const { decode } = decodeCounting();
    const read = cache.read('cookie-a', 1_000, decode);
    const session = presentSession(read);
    cache.remember(session, 'claims', valid(session), 1_000);
    expect(cache.checked(session, 'claims', 1_000)).toBeUndefined();
    expect(Object.isFrozen(session)).toBe(false);
  });
});
