// Core-level scenarios C3–C4 (valid and expiring sessions), against the in-process mock auth server.
import { createServerClient } from '@supabase/ssr';
import { describe, expect, it } from 'vitest';
import { createSupabaseLockstep } from '../src/with-supabase.js';
import type { ContinueOutcome, Outcome } from '@lockstep/core';
import { cookiesOf, createHarness, eventBodies } from './support.js';

const LIFETIME = 3600;

function continued(outcome: Outcome): ContinueOutcome {
  if (outcome.kind !== 'continue') throw new Error(`expected continue, got ${outcome.kind}`);
  return outcome;
}

describe('valid session (C3)', () => {
  it('continues with the user; claims mode makes no auth-server call once the key set is cached', async () => {
    const h = await createHarness();
    const cookie = h.cookieFor(await h.signIn());
    h.mock.controls.resetCounters();
    const first = continued(await h.lockstep.handle(h.request('/dashboard', { cookie })));
    expect(first.auth).toMatchObject({ kind: 'authenticated', verifiedBy: 'claims', refreshed: false, user: { email: 'ada@example.com' } });
    expect(first.cookies.setCookie).toEqual([]);
    expect(h.mock.controls.calls()).toEqual({ jwks: 1 });
    const second = continued(await h.lockstep.handle(h.request('/dashboard/settings', { cookie })));
    expect(second.auth).toMatchObject({ kind: 'authenticated' });
    expect(h.mock.controls.calls()).toEqual({ jwks: 1 });
    expect(h.events).toContainEqual(expect.objectContaining({ type: 'session.verified', mode: 'claims', cached: true }));
  });

  it('a cached token needs no network at all (an injected fetch that fails the test if called)', async () => {
    let offline = false;
    const h = await createHarness({}, {}, (inner) => (input, init) => {
      if (offline) throw new Error('network used on a cached path');
      return inner(input, init);
    });
    const cookie = h.cookieFor(await h.signIn());
    await h.lockstep.handle(h.request('/dashboard', { cookie }));
    offline = true;
    expect(continued(await h.lockstep.handle(h.request('/dashboard', { cookie }))).auth.kind).toBe('authenticated');
  });
});

describe('expired session (C4)', () => {
  it('refreshes exactly once, writes ssr-format cookies, and downstream code sees the new token', async () => {
    const h = await createHarness();
    const original = await h.signIn();
    const cookie = h.cookieFor(original);
    h.mock.controls.clock.advance(LIFETIME + 1);
    h.mock.controls.resetCounters();

    const outcome = continued(await h.lockstep.handle(h.request('/dashboard', { cookie })));
    expect(outcome.auth).toMatchObject({ kind: 'authenticated', refreshed: true });
    expect(h.mock.controls.calls('token:refresh_token')).toBe(1);
    expect(outcome.cookies.setCookie).toHaveLength(1);
    expect(outcome.cookies.setCookie[0]).toMatch(/^sb-127-auth-token=base64-[A-Za-z0-9_-]+; Max-Age=34560000; Path=\/; Secure; SameSite=Lax$/);
    expect(outcome.headers).toContainEqual(['Cache-Control', 'private, no-cache, no-store, must-revalidate, max-age=0']);
    expect(outcome.requestCookieHeader).not.toBe(cookie);
    expect(outcome.requestCookieHeader).not.toContain(original.refresh_token);

    // A downstream @supabase/ssr client built from the forwarded cookies does not refresh again.
    const downstream = createServerClient(h.mock.url, h.mock.anonKey, {
      cookies: { getAll: () => cookiesOf(outcome.requestCookieHeader), setAll: () => undefined },
      global: { fetch: h.mock.fetch },
    });
    const { data } = await downstream.auth.getSession();
    expect(data.session?.access_token).toBe(outcome.auth.kind === 'authenticated' ? outcome.auth.session.accessToken : 'missing');
    const { data: claims } = await downstream.auth.getClaims();
    expect(claims?.claims.email).toBe('ada@example.com');
    expect(h.mock.controls.calls('token:refresh_token')).toBe(1);
    expect(eventBodies(h.events)).toContainEqual({ type: 'session.refreshed', userId: expect.any(String) as string });
  });

  it('refreshes inside the margin (120 s) and clamps the margin to half a short token lifetime', async () => {
    const h = await createHarness();
    const cookie = h.cookieFor(await h.signIn());
    h.mock.controls.clock.advance(LIFETIME - 119);
    expect(continued(await h.lockstep.handle(h.request('/dashboard', { cookie }))).auth).toMatchObject({ refreshed: true });

    const short = await createHarness({}, { tokenLifetimeSeconds: 60 });
    const shortCookie = short.cookieFor(await short.signIn());
    short.mock.controls.clock.advance(29);
    expect(continued(await short.lockstep.handle(short.request('/dashboard', { cookie: shortCookie }))).auth).toMatchObject({ refreshed: false });
    short.mock.controls.clock.advance(2);
    expect(continued(await short.lockstep.handle(short.request('/dashboard', { cookie: shortCookie }))).auth).toMatchObject({ refreshed: true });
  });
});

describe('a refreshed session too large for the cookie budget', () => {
  it('is written without the user object instead of failing the request', async () => {
    const h = await createHarness();
    const cookie = h.cookieFor(await h.signIn());
    // The auth server answers the refresh with an enormous user object (e.g. metadata from a provider).
    const huge = { metadata: 'x'.repeat(80_000) };
    const lockstep = createSupabaseLockstep(
      { supabaseUrl: h.mock.url, supabaseKey: h.mock.anonKey, routes: [] },
      {
        now: h.now,
        fetch: async (input, init) => {
          const response = await h.mock.fetch(input, init);
          if (!String(input).includes('grant_type=refresh_token')) return response;
          const body = (await response.json()) as { user: Record<string, unknown> };
          return Response.json({ ...body, user: { ...body.user, user_metadata: huge } });
        },
      },
    );
    h.mock.controls.clock.advance(LIFETIME + 1);
    const outcome = continued(await lockstep.handle(h.request('/dashboard', { cookie })));
    expect(outcome.auth).toMatchObject({ kind: 'authenticated', refreshed: true });
    const written = outcome.cookies.setCookie.join('');
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(20_000);
  });
});
