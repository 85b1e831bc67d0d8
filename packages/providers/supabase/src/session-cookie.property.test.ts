import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCookiePlan, type CookieAttributes } from '@lockstep/core/cookies';
import { parseRequestCookies, type RequestCookie } from '@lockstep/core/cookies';
import { BASE64_PREFIX, encodeSessionCookie, readSessionCookie } from './session-cookie.js';
import { planSessionWrite } from './session-write.js';
import type { SupabaseStoredSession } from './stored-session.js';

const KEY = 'sb-abc-auth-token';
const ATTRS: CookieAttributes = { path: '/', sameSite: 'lax', secure: true, httpOnly: false, maxAge: 34_560_000 };
const RESERVED = new Set(['access_token', 'refresh_token', 'expires_at', 'expires_in', 'token_type', 'user', 'error', 'error_code', '__proto__']);

// 'binary' strings include lone surrogates and every plane: the hardest inputs for the codec.
const text = fc.string({ unit: 'binary', maxLength: 40 });
const json = fc.jsonValue({ maxDepth: 2 });
const sessionArb: fc.Arbitrary<SupabaseStoredSession> = fc
  .record(
    {
      access_token: fc.string({ unit: 'binary', minLength: 1, maxLength: 600 }),
      refresh_token: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
      expires_at: fc.integer({ min: 0, max: 2 ** 40 }),
      expires_in: fc.integer({ min: 0, max: 86_400 }),
      token_type: text,
      user: fc.option(fc.dictionary(text, json, { maxKeys: 6 }), { nil: null }),
    },
    { requiredKeys: ['access_token', 'refresh_token', 'expires_at'] },
  )
  .chain((session) =>
    fc
      .dictionary(text.filter((k) => !RESERVED.has(k)), json, { maxKeys: 3 })
      .map((extra) => ({ ...extra, ...session })),
  );
const encodingArb = fc.constantFrom('base64url' as const, 'raw' as const);
/** What a session looks like after any JSON round trip (-0 → 0, lone surrogates kept). */
const jsonSafe = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('session cookie codec (properties)', () => {
  it('encode → read returns the same session', async () => {
    await fc.assert(
      fc.asyncProperty(sessionArb, encodingArb, async (session, encoding) => {
        const read = await readSessionCookie(encodeSessionCookie(session, KEY, encoding), KEY);
        expect(read).toEqual({ kind: 'present', session: jsonSafe(session) });
      }),
    );
  });

  it('the cookies survive a real Cookie header: Set-Cookie values → header → parse → read', async () => {
    await fc.assert(
      fc.asyncProperty(sessionArb, encodingArb, async (session, encoding) => {
        const plan = createCookiePlan([], planSessionWrite([], KEY, session, ATTRS, encoding));
        const header = new Request('https://x.test/', { headers: { cookie: plan.requestCookieHeader } }).headers.get('cookie');
        const read = await readSessionCookie(parseRequestCookies(header), KEY);
        expect(read).toEqual({ kind: 'present', session: jsonSafe(session) });
      }),
      { numRuns: 50 },
    );
  });

  it('any write over any previous state leaves exactly the new session, and re-planning is a no-op', async () => {
    const before = fc.option(fc.tuple(sessionArb, encodingArb), { nil: null });
    await fc.assert(
      fc.asyncProperty(before, fc.option(sessionArb, { nil: null }), encodingArb, async (old, next, encoding) => {
        const request: RequestCookie[] = [
          { name: 'theme', value: 'dark' },
          ...(old === null ? [] : encodeSessionCookie(old[0], KEY, old[1])),
        ];
        const plan = createCookiePlan(request, planSessionWrite(request, KEY, next, ATTRS, encoding));
        const after = parseRequestCookies(plan.requestCookieHeader);
        const read = await readSessionCookie(after, KEY);
        expect(read).toEqual(next === null ? { kind: 'none' } : { kind: 'present', session: jsonSafe(next) });
        expect(after.filter((c) => !c.name.startsWith(KEY))).toEqual([{ name: 'theme', value: 'dark' }]);
        expect(planSessionWrite(after, KEY, next, ATTRS, encoding)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('losing any one chunk never reads as a session', async () => {
    const big = sessionArb.map((s) => ({ ...s, padding: 'x'.repeat(7000) }));
    await fc.assert(
      fc.asyncProperty(big, encodingArb, fc.nat(), async (session, encoding, pick) => {
        const cookies = encodeSessionCookie(session, KEY, encoding);
        const dropped = cookies.filter((_, i) => i !== pick % cookies.length);
        const read = await readSessionCookie(dropped, KEY);
        expect(read.kind).toBe('malformed');
      }),
      { numRuns: 50 },
    );
  });

  it('readSessionCookie never throws on arbitrary cookies', async () => {
    const name = fc.oneof(
      fc.constant(KEY),
      fc.nat({ max: 30 }).map((n) => `${KEY}.${n}`),
      fc.string({ unit: 'binary', maxLength: 30 }),
    );
    const value = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'binary' }).map((s) => BASE64_PREFIX + s),
      fc.stringMatching(/^[A-Za-z0-9_-]*$/).map((s) => BASE64_PREFIX + s),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.jsonValue().map((v) => BASE64_PREFIX + Buffer.from(JSON.stringify(v) ?? '').toString('base64url')),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ name, value }), { maxLength: 12 }), async (cookies) => {
        const read = await readSessionCookie(cookies, KEY);
        expect(['none', 'malformed', 'present']).toContain(read.kind);
      }),
      { numRuns: 500 },
    );
  });
});
