// The session cookie codec: round trip, chunking and stale-chunk deletion, the ID token carried over a refresh, junk is malformed.
import type { Session } from '@lockstep/core';
import type { CookieAttributes } from '@lockstep/core/cookies';
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE } from '../src/chunked-cookie.js';
import { encodeSessionValue, idTokenOf, planSessionWrite, readSessionCookie, type OidcSession } from '../src/session-cookie.js';

const ATTRIBUTES: CookieAttributes = { path: '/', sameSite: 'lax', secure: true, httpOnly: false, maxAge: 3600 };
const user = { id: 'user-1', email: 'ada@example.com', raw: { sub: 'user-1', email: 'ada@example.com', name: 'Ada' } };
const session = (overrides: Partial<OidcSession> = {}): OidcSession => ({ accessToken: 'at.1', refreshToken: 'rt-1', expiresAt: 1_800_000_000, user, idToken: 'id.token.1', ...overrides });
const asCookies = (writes: { name: string; value: string }[]) => writes.map(({ name, value }) => ({ name, value }));

describe('session cookie', () => {
  it('round-trips a session with its ID token; writes are HttpOnly whatever the instance says', () => {
    const writes = planSessionWrite([], 'sid', session(), ATTRIBUTES);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.attributes.httpOnly).toBe(true);
    const read = readSessionCookie(asCookies(writes), 'sid');
    expect(read).toEqual({ kind: 'present', session: { accessToken: 'at.1', refreshToken: 'rt-1', expiresAt: 1_800_000_000, user: { id: 'user-1', email: 'ada@example.com', raw: { id: 'user-1', sub: 'user-1', email: 'ada@example.com', name: 'Ada' } }, idToken: 'id.token.1' } });
  });

  it('chunks a large session, deletes stale chunks when it shrinks, and writes nothing unchanged', () => {
    const big = session({ accessToken: 'a'.repeat(CHUNK_SIZE * 2) });
    const first = planSessionWrite([], 'sid', big, ATTRIBUTES);
    expect(first.map((write) => write.name)).toEqual(['sid.0', 'sid.1', 'sid.2']);
    const cookies = asCookies(first);
    expect(planSessionWrite(cookies, 'sid', big, ATTRIBUTES)).toEqual([]);
    const small = planSessionWrite(cookies, 'sid', session(), ATTRIBUTES);
    expect(small.filter((write) => write.attributes.maxAge === 0).map((write) => write.name)).toEqual(['sid.0', 'sid.1', 'sid.2']);
    expect(small.filter((write) => write.attributes.maxAge !== 0).map((write) => write.name)).toEqual(['sid']);
    const cleared = planSessionWrite(cookies, 'sid', null, { ...ATTRIBUTES, domain: 'example.com' });
    expect(cleared, 'host-only and domain deletions').toHaveLength(6);
  });

  it('keeps the ID token across a refresh answer without one, for the same user only', () => {
    const cookies = asCookies(planSessionWrite([], 'sid', session(), ATTRIBUTES));
    const refreshed: Session = { accessToken: 'at.2', refreshToken: 'rt-2', expiresAt: 1_800_003_600, user };
    const kept = readSessionCookie(asCookies(planSessionWrite(cookies, 'sid', refreshed, ATTRIBUTES)), 'sid');
    expect(kept.kind === 'present' && idTokenOf(kept.session)).toBe('id.token.1');
    const other = readSessionCookie(asCookies(planSessionWrite(cookies, 'sid', { ...refreshed, user: { ...user, id: 'user-2' } }, ATTRIBUTES)), 'sid');
    expect(other.kind === 'present' && idTokenOf(other.session)).toBeNull();
  });

  it('reads junk as malformed, never as a session', () => {
    const good = encodeSessionValue(session());
    const junk = [
      'x',
      'o1.',
      'o1.!!!',
      `v1.${good.slice(3)}`,
      `o1.${btoa('{"at":"a","rt":"r"}')}`,
      `o1.${btoa('{"at":"a b","rt":"r","exp":1}')}`,
      `o1.${btoa('{"at":"a","rt":"r","exp":1,"u":{"id":""}}')}`,
      `o1.${btoa('{"at":"a","rt":"r","exp":1,"it":5}')}`,
      `o1.${btoa('[1,2]')}`,
      good.slice(0, -5),
      'o1.' + 'A'.repeat(CHUNK_SIZE * 9),
    ];
    for (const value of junk) expect(readSessionCookie([{ name: 'sid', value }], 'sid').kind, value.slice(0, 40)).toBe('malformed');
    expect(readSessionCookie([{ name: 'sid.0', value: good }, { name: 'sid.2', value: 'x' }], 'sid')).toEqual({ kind: 'malformed', reason: 'missing_chunk' });
    expect(readSessionCookie([{ name: 'other', value: good }], 'sid')).toEqual({ kind: 'none' });
  });
});
