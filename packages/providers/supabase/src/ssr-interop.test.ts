// Round trips against the real @supabase/ssr createServerClient: it reads what we write, we read what it writes.
import { createServerClient } from '@supabase/ssr';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCookiePlan, type CookieAttributes } from '@lockstep/core/cookies';
import { parseRequestCookies, type RequestCookie } from '@lockstep/core/cookies';
import { encodeSessionCookie, readSessionCookie } from './session-cookie.js';
import { planSessionWrite } from './session-write.js';
import { supabaseStorageKey } from './storage-key.js';
import type { SupabaseStoredSession } from './stored-session.js';
import { bulkyMetadata, makeSession } from './test-support/sessions.js';

const URL_ = 'http://127.0.0.1:54321';
const KEY = supabaseStorageKey(URL_);
const ATTRS: CookieAttributes = { path: '/', sameSite: 'lax', secure: false, httpOnly: false, maxAge: 34_560_000 };
const nowS = () => Math.floor(Date.now() / 1000); // auth-js reads the real clock, so the fixtures must too

/** A fetch that fails the test if supabase-js touches the network. */
const offline = vi.fn(() => {
  throw new Error('network must not be used');
});

interface Captured {
  cookies: { name: string; value: string; options: Record<string, unknown> }[];
  headers: Record<string, string>[];
}

function serverClient(cookies: readonly RequestCookie[], fetch: typeof globalThis.fetch, captured?: Captured) {
  return createServerClient(URL_, 'sb_publishable_test', {
    global: { fetch },
    cookies: {
      getAll: () => [...cookies],
      setAll: (written, headers) => {
        captured?.cookies.push(...written.map((c) => ({ ...c, options: { ...c.options } })));
        captured?.headers.push(headers);
      },
    },
  });
}

afterEach(() => {
  offline.mockClear();
});

describe('@supabase/ssr reads what Lockstep writes', () => {
  it.each([
    ['unchunked, base64url', makeSession({}, { now: nowS() }), 'base64url' as const],
    ['unchunked, raw', makeSession({}, { now: nowS() }), 'raw' as const],
    ['chunked (large CJK/emoji metadata)', makeSession({ user: { id: 'u1', user_metadata: bulkyMetadata(6000) } }, { now: nowS() }), 'base64url' as const],
  ])('%s', async (_name, session, encoding) => {
    // Through the full path: plan → Set-Cookie → the Cookie header the browser sends next time.
    const plan = createCookiePlan([], planSessionWrite([], KEY, session, ATTRS, encoding));
    const request = new Request('http://localhost:3000/', { headers: { cookie: plan.requestCookieHeader } });
    const supabase = serverClient(parseRequestCookies(request.headers.get('cookie')), offline);
    const { data, error } = await supabase.auth.getSession();
    expect(error).toBeNull();
    expect(data.session?.access_token).toBe(session.access_token);
    expect(data.session?.refresh_token).toBe(session.refresh_token);
    expect(offline).not.toHaveBeenCalled();
  });
});

describe('Lockstep reads what @supabase/ssr writes', () => {
  /** A fetch that answers the password grant with `session` and fails on anything else. */
  function gotrue(session: SupabaseStoredSession): typeof globalThis.fetch {
    return vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.pathname === '/auth/v1/token' && url.searchParams.get('grant_type') === 'password') {
        const { expires_at: _omit, ...body } = session; // GoTrue sends expires_in; auth-js derives expires_at
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      }
      throw new Error(`unexpected request to ${url.pathname}`);
    });
  }

  async function signInAndCapture(session: SupabaseStoredSession, cookies: readonly RequestCookie[] = []) {
    const captured: Captured = { cookies: [], headers: [] };
    const supabase = serverClient(cookies, gotrue(session), captured);
    const { error } = await supabase.auth.signInWithPassword({ email: 'u1@example.com', password: 'pw' });
    expect(error).toBeNull();
    await vi.waitFor(() => expect(captured.cookies.length).toBeGreaterThan(0));
    return captured;
  }

  it.each([
    ['unchunked', makeSession({}, { now: nowS() })],
    ['chunked (large CJK/emoji metadata)', makeSession({ user: { id: 'u1', user_metadata: bulkyMetadata(6000) } }, { now: nowS() })],
  ])('%s: identical cookies, readable, and our plan is a no-op afterwards', async (_name, session) => {
    const captured = await signInAndCapture(session);
    const written = captured.cookies.filter((c) => c.name.startsWith(KEY)).map(({ name, value }) => ({ name, value }));
    const read = await readSessionCookie(written, KEY);
    expect(read.kind).toBe('present');
    if (read.kind !== 'present') return;
    expect(read.session.access_token).toBe(session.access_token);
    expect(read.session.refresh_token).toBe(session.refresh_token);
    expect((read.session.user as { user_metadata?: unknown }).user_metadata).toEqual(session.user?.['user_metadata']);

    // Same wire format: re-encoding what upstream stored gives byte-identical chunks...
    expect(encodeSessionCookie(read.session, KEY)).toEqual(written);
    // ...so a Lockstep plan over a request carrying them writes nothing.
    expect(createCookiePlan(written, planSessionWrite(written, KEY, read.session, ATTRS)).writes).toEqual([]);
    // Upstream passes the first three of our no-store headers.
    expect(captured.headers[0]).toEqual({
      'Cache-Control': 'private, no-cache, no-store, must-revalidate, max-age=0',
      Expires: '0',
      Pragma: 'no-cache',
    });
  });

  it('upstream stale-chunk deletions match ours when a chunked session shrinks', async () => {
    const large = makeSession({ user: { id: 'u1', user_metadata: bulkyMetadata(6000) } }, { now: nowS() });
    const small = makeSession({ refresh_token: 'refresh-2' }, { now: nowS() });
    const before = encodeSessionCookie(large, KEY);
    const captured = await signInAndCapture(small, before);
    const upstream = captured.cookies.map((c) => ({ name: c.name, deleted: c.options['maxAge'] === 0 }));
    const ours = planSessionWrite(before, KEY, small, ATTRS).map((w) => ({ name: w.name, deleted: w.attributes.maxAge === 0 }));
    expect(ours).toEqual(upstream);
  });
});
