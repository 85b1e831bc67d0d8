// The token backend's cookie: round trip, chunking, stale-chunk deletion, malformed values (C16).
import { describe, expect, it } from 'vitest';
import type { CookieAttributes } from '@lockstep/core/cookies';
import type { Session } from '@lockstep/core';
import { encodeTokenCookie, planTokenCookieWrite, readTokenCookie, TOKEN_COOKIE_CHUNK_SIZE } from './token-cookie.js';

const NAME = 'lockstep-session';
const ATTRIBUTES: CookieAttributes = { path: '/', sameSite: 'lax', secure: true, httpOnly: true, maxAge: 100 };
const session = (size = 10): Session => ({
  accessToken: 'a'.repeat(size),
  refreshToken: 'refresh-1',
  expiresAt: 1_750_003_600,
  user: { id: 'user-1', email: 'ada@example.com', raw: { id: 'user-1', email: 'ada@example.com' } },
});
const b64 = (text: string): string => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('token cookie codec', () => {
  it.each([10, 3000, 9000])('round-trips a session with a %i-character access token', (size) => {
    const cookies = encodeTokenCookie(session(size), NAME);
    expect(cookies.every((cookie) => cookie.value.length <= TOKEN_COOKIE_CHUNK_SIZE)).toBe(true);
    if (size > 3000) expect(cookies.map((cookie) => cookie.name)).toEqual(cookies.map((_, index) => `${NAME}.${index}`));
    expect(readTokenCookie(cookies, NAME)).toEqual({ kind: 'present', session: session(size) });
  });

  it('no cookie is no session', () => {
    expect(readTokenCookie([{ name: 'other', value: 'x' }], NAME)).toEqual({ kind: 'none' });
  });

  it.each([
    ['bad prefix', [{ name: NAME, value: b64('{}') }], 'bad_prefix'],
    ['bad base64', [{ name: NAME, value: 'v1.***' }], 'bad_base64'],
    ['bad JSON', [{ name: NAME, value: `v1.${b64('{"at":')}` }], 'bad_json'],
    ['error body', [{ name: NAME, value: `v1.${b64('{"error":"invalid_grant"}')}` }], 'bad_shape'],
    ['empty token', [{ name: NAME, value: `v1.${b64('{"at":"","rt":"r","exp":5}')}` }], 'bad_shape'],
    ['token with a space', [{ name: NAME, value: `v1.${b64('{"at":"a b","rt":"r","exp":5}')}` }], 'bad_shape'],
    ['no expiry', [{ name: NAME, value: `v1.${b64('{"at":"a","rt":"r"}')}` }], 'bad_shape'],
    ['user without id', [{ name: NAME, value: `v1.${b64('{"at":"a","rt":"r","exp":5,"u":{}}')}` }], 'bad_shape'],
    ['missing chunk', [{ name: `${NAME}.0`, value: 'v1.' }, { name: `${NAME}.2`, value: 'x' }], 'missing_chunk'],
    ['too many chunks', Array.from({ length: 9 }, (_, index) => ({ name: `${NAME}.${index}`, value: 'x' })), 'too_large'],
  ])('%s → malformed (%s)', (_name, cookies, reason) => {
    expect(readTokenCookie(cookies, NAME)).toEqual({ kind: 'malformed', reason });
  });
});

describe('planTokenCookieWrite', () => {
  it('writes nothing when the request already carries the value', () => {
    const cookies = encodeTokenCookie(session(), NAME);
    expect(planTokenCookieWrite(cookies, NAME, session(), ATTRIBUTES)).toEqual([]);
  });

  it('chunked → unchunked: the stale chunks are deleted, the whole cookie written', () => {
    const big = encodeTokenCookie(session(9000), NAME);
    const writes = planTokenCookieWrite([...big, { name: 'theme', value: 'dark' }], NAME, session(), ATTRIBUTES);
    expect(writes.filter((write) => write.attributes.maxAge === 0).map((write) => write.name)).toEqual(big.map((cookie) => cookie.name));
    expect(writes.filter((write) => write.attributes.maxAge > 0).map((write) => write.name)).toEqual([NAME]);
  });

  it('null clears every chunk the request carries, host-only first when a domain is set', () => {
    const writes = planTokenCookieWrite([{ name: NAME, value: 'x' }], NAME, null, { ...ATTRIBUTES, domain: 'example.com' });
    expect(writes).toEqual([
      { name: NAME, value: '', attributes: { path: '/', sameSite: 'lax', secure: true, httpOnly: true, maxAge: 0 } },
      { name: NAME, value: '', attributes: { ...ATTRIBUTES, domain: 'example.com', maxAge: 0 } },
    ]);
  });
});
