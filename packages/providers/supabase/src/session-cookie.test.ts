import { MAX_CHUNK_SIZE } from '@supabase/ssr';
import { describe, expect, it } from 'vitest';
import { LockstepError } from '@lockstep/core';
import type { RequestCookie } from '@lockstep/core/cookies';
import {
  BASE64_PREFIX,
  MAX_SESSION_COOKIE_LENGTH,
  encodeSessionCookie,
  readSessionCookie,
  type SessionCookieEncoding,
  type SessionCookieRead,
} from './session-cookie.js';
import type { SupabaseStoredSession } from './stored-session.js';
import { bulkyMetadata, makeSession } from './test-support/sessions.js';

const KEY = 'sb-abc-auth-token';
const b64 = (text: string) => BASE64_PREFIX + Buffer.from(text, 'utf8').toString('base64url');
const present = (session: SupabaseStoredSession): SessionCookieRead => ({ kind: 'present', session });
const bad = (reason: string) => ({ kind: 'malformed', reason });

/** A session whose single encoded cookie value has exactly `target` URI-encoded characters. */
function sessionWithEncodedLength(target: number, encoding: SessionCookieEncoding): SupabaseStoredSession {
  for (let pad = 0; pad < target; pad += 1) {
    const session = makeSession({ pad: 'x'.repeat(pad) });
    const json = JSON.stringify(session);
    const value = encoding === 'raw' ? json : b64(json);
    if (encodeURIComponent(value).length === target) return session;
  }
  throw new Error(`no padding reaches ${target}`);
}

describe('encodeSessionCookie: chunk boundaries', () => {
  it.each([
    { encoding: 'raw' as const, length: MAX_CHUNK_SIZE, chunks: 1 },
    { encoding: 'raw' as const, length: MAX_CHUNK_SIZE + 1, chunks: 2 },
    // Unpadded base64url never has a length ≡ 1 (mod 4), so 3180 itself is unreachable.
    { encoding: 'base64url' as const, length: MAX_CHUNK_SIZE - 1, chunks: 1 },
    { encoding: 'base64url' as const, length: MAX_CHUNK_SIZE + 1, chunks: 2 },
  ])('$encoding value of $length encoded chars → $chunks cookie(s)', async ({ encoding, length, chunks }) => {
    const session = sessionWithEncodedLength(length, encoding);
    const cookies = encodeSessionCookie(session, KEY, encoding);
    expect(cookies).toHaveLength(chunks);
    expect(cookies.map((c) => c.name)).toEqual(chunks === 1 ? [KEY] : [`${KEY}.0`, `${KEY}.1`]);
    // base64url is all unreserved characters, so its first chunk is exactly full.
    if (chunks === 2 && encoding === 'base64url') expect(cookies[0]?.value).toHaveLength(MAX_CHUNK_SIZE);
    await expect(readSessionCookie(cookies, KEY)).resolves.toEqual(present(session));
  });

  it.each(['raw', 'base64url'] as const)(
    'multi-byte metadata (%s): chunks stay under the limit, never split a character, and read back',
    async (encoding) => {
      const session = makeSession({ user: { id: 'u1', user_metadata: bulkyMetadata(4000) } });
      const cookies = encodeSessionCookie(session, KEY, encoding);
      expect(cookies.length).toBeGreaterThan(encoding === 'raw' ? 4 : 2);
      for (const { value } of cookies) {
        expect(encodeURIComponent(value).length).toBeLessThanOrEqual(MAX_CHUNK_SIZE);
      }
      await expect(readSessionCookie(cookies, KEY)).resolves.toEqual(present(session));
    },
  );

  it('writes the @supabase/ssr default format: base64- prefix, unpadded base64url', () => {
    const [cookie, ...rest] = encodeSessionCookie(makeSession(), KEY);
    expect(rest).toEqual([]);
    expect(cookie?.value).toMatch(/^base64-[A-Za-z0-9_-]+$/);
  });
});

describe('readSessionCookie: table', () => {
  const session = makeSession();
  const json = JSON.stringify(session);
  const other = makeSession({ access_token: 'opaque-token', refresh_token: 'refresh-2' });
  const split = (value: string, at: number): RequestCookie[] => [
    { name: `${KEY}.0`, value: value.slice(0, at) },
    { name: `${KEY}.1`, value: value.slice(at) },
  ];

  it.each<{ name: string; cookies: RequestCookie[]; expected: SessionCookieRead | ReturnType<typeof bad> }>([
    { name: 'no cookies', cookies: [], expected: { kind: 'none' } },
    { name: 'only unrelated cookies', cookies: [{ name: 'theme', value: 'dark' }, { name: `${KEY}x`, value: b64(json) }], expected: { kind: 'none' } },
    { name: 'empty unchunked value (absent, as upstream)', cookies: [{ name: KEY, value: '' }], expected: { kind: 'none' } },
    { name: 'base64url, unchunked', cookies: [{ name: KEY, value: b64(json) }], expected: present(session) },
    { name: 'raw JSON without prefix', cookies: [{ name: KEY, value: json }], expected: present(session) },
    { name: 'base64url in two chunks', cookies: split(b64(json), 100), expected: present(session) },
    { name: 'raw JSON in two chunks', cookies: split(json, 100), expected: present(session) },
    { name: 'unchunked wins over chunks', cookies: [...split(b64(JSON.stringify(other)), 50), { name: KEY, value: b64(json) }], expected: present(session) },
    { name: 'empty unchunked falls back to chunks', cookies: [{ name: KEY, value: '' }, ...split(b64(json), 50)], expected: present(session) },
    { name: 'duplicate name: first wins', cookies: [{ name: KEY, value: b64(json) }, { name: KEY, value: 'garbage' }], expected: present(session) },
    { name: 'bad base64 character', cookies: [{ name: KEY, value: 'base64-eyJ!!!' }], expected: bad('bad_base64') },
    { name: 'base64 of invalid UTF-8', cookies: [{ name: KEY, value: BASE64_PREFIX + Buffer.from([0xff, 0xfe]).toString('base64url') }], expected: bad('bad_base64') },
    { name: 'base64 of truncated JSON', cookies: [{ name: KEY, value: b64(json.slice(0, -5)) }], expected: bad('bad_json') },
    { name: 'raw non-JSON', cookies: [{ name: KEY, value: '{not json' }], expected: bad('bad_json') },
    // .0 from one write, .1 from another; the cut is 4-aligned so the bytes decode and the JSON breaks.
    { name: 'mixed chunk generations (ssr #169)', cookies: [{ name: `${KEY}.0`, value: b64(json).slice(0, 207) }, { name: `${KEY}.1`, value: b64(JSON.stringify(other)).slice(207) }], expected: bad('bad_json') },
    { name: 'missing middle chunk (.0 and .2)', cookies: [{ name: `${KEY}.0`, value: b64(json).slice(0, 40) }, { name: `${KEY}.2`, value: b64(json).slice(80) }], expected: bad('missing_chunk') },
    { name: 'chunks without .0', cookies: [{ name: `${KEY}.1`, value: b64(json) }], expected: bad('missing_chunk') },
    { name: 'empty .1 cuts the chain before .2', cookies: [{ name: `${KEY}.0`, value: b64(json) }, { name: `${KEY}.1`, value: '' }, { name: `${KEY}.2`, value: 'x' }], expected: bad('missing_chunk') },
    { name: 'stray chunks ignored when unchunked wins', cookies: [{ name: KEY, value: b64(json) }, { name: `${KEY}.3`, value: 'x' }], expected: present(session) },
  ])('$name', async ({ cookies, expected }) => {
    await expect(readSessionCookie(cookies, KEY)).resolves.toEqual(expected);
  });

  it.each<[string, unknown]>([
    ['GoTrue error body (GHSA-8fpg-xm3f-6cx3)', { error: 'invalid_grant', error_description: 'Invalid Refresh Token' }],
    ['2024-01-01 error envelope', { code: 400, error_code: 'refresh_token_not_found', msg: 'Invalid Refresh Token' }],
    ['tokens plus an error field', { ...session, error: 'session_expired' }],
    ['array', [session]],
    ['null', null],
    ['string', 'a session'],
    ['number', 42],
    ['missing refresh_token', { ...session, refresh_token: undefined }],
    ['empty access_token', { ...session, access_token: '' }],
    ['expires_at as string', { ...session, expires_at: String(session.expires_at) }],
    ['expires_at fractional', { ...session, expires_at: session.expires_at + 0.5 }],
    ['expires_at missing', { ...session, expires_at: undefined }],
    ['user is an array', { ...session, user: [] }],
    ['token_type is a number', { ...session, token_type: 1 }],
  ])('bad shape: %s', async (_name, body) => {
    for (const value of [JSON.stringify(body), b64(JSON.stringify(body))]) {
      await expect(readSessionCookie([{ name: KEY, value }], KEY)).resolves.toEqual(bad('bad_shape'));
    }
  });

  it('too large: refuses past MAX_SESSION_COOKIE_LENGTH before decoding (junk that would be bad_base64)', async () => {
    const junk = `${BASE64_PREFIX}!`.padEnd(MAX_SESSION_COOKIE_LENGTH + 1, 'A');
    await expect(readSessionCookie([{ name: KEY, value: junk }], KEY)).resolves.toEqual(bad('too_large'));
    const chunks = Array.from({ length: 25 }, (_, i) => ({ name: `${KEY}.${i}`, value: 'A'.repeat(3000) }));
    await expect(readSessionCookie(chunks, KEY)).resolves.toEqual(bad('too_large'));
  });

  it('tolerates untyped junk in the cookie list', async () => {
    const junk = [null, 42, { name: 1, value: 2 }, { name: KEY }] as unknown as RequestCookie[];
    await expect(readSessionCookie(junk, KEY)).resolves.toEqual({ kind: 'none' });
  });
});

describe('encodeSessionCookie: refuses what must never be stored', () => {
  const expectError = (fn: () => unknown, code: string) => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(LockstepError);
      expect((error as LockstepError).code).toBe(code);
      expect((error as LockstepError).message).not.toContain('refresh-1');
      return;
    }
    throw new Error('expected a throw');
  };

  it.each<[string, () => unknown, string]>([
    ['an error body', () => encodeSessionCookie({ error: 'invalid_grant', refresh_token: 'refresh-1' } as never, KEY), 'ERR_COOKIE_ENCODE'],
    ['a non-serializable field', () => encodeSessionCookie(makeSession({ big: 1n }), KEY), 'ERR_COOKIE_ENCODE'],
    ['a session over the size cap', () => encodeSessionCookie(makeSession({ blob: 'x'.repeat(MAX_SESSION_COOKIE_LENGTH) }), KEY), 'ERR_COOKIE_TOO_LARGE'],
    ['an unknown encoding', () => encodeSessionCookie(makeSession(), KEY, 'hex' as never), 'ERR_CONFIG_COOKIE'],
  ])('%s', (_name, fn, code) => expectError(fn, code));
});
