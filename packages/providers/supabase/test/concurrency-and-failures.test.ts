// Core-level scenarios C7–C13: concurrency, rejections and outages, against the in-process mock auth server.
import { describe, expect, it } from 'vitest';
import type { ContinueOutcome, Outcome } from '@lockstep/core';
import { createHarness, eventBodies } from './support.js';

const LIFETIME = 3600;

function continued(outcome: Outcome): ContinueOutcome {
  if (outcome.kind !== 'continue') throw new Error(`expected continue, got ${outcome.kind}`);
  return outcome;
}

describe('concurrency (C7, C8)', () => {
  it('50 concurrent requests with one expired session: 1 upstream refresh, 50 successes, identical cookies', async () => {
    const h = await createHarness();
    const cookie = h.cookieFor(await h.signIn());
    h.mock.controls.clock.advance(LIFETIME + 5);
    h.mock.controls.resetCounters();
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => h.lockstep.handle(h.request('/dashboard', { cookie }))));
    expect(h.mock.controls.calls('token:refresh_token')).toBe(1);
    const setCookies = outcomes.map((outcome) => continued(outcome).cookies.setCookie.join('\n'));
    expect(new Set(setCookies).size).toBe(1);
    expect(outcomes.every((outcome) => outcome.kind === 'continue' && outcome.auth.kind === 'authenticated')).toBe(true);
    expect(h.events.filter((event) => event.type === 'session.refresh_joined')).toHaveLength(49);
  });

  it('a late request with the spent refresh token gets the successor without an upstream call', async () => {
    const h = await createHarness();
    const cookie = h.cookieFor(await h.signIn());
    h.mock.controls.clock.advance(LIFETIME + 5);
    const first = continued(await h.lockstep.handle(h.request('/dashboard', { cookie })));
    h.mock.controls.clock.advance(8);
    h.mock.controls.resetCounters();
    const late = continued(await h.lockstep.handle(h.request('/dashboard', { cookie })));
    expect(h.mock.controls.calls('token:refresh_token') ?? 0).toBe(0);
    expect(late.auth).toMatchObject({ kind: 'authenticated', refreshed: true });
    const tokens = (outcome: ContinueOutcome): unknown => (outcome.auth.kind === 'authenticated' ? [outcome.auth.session.accessToken, outcome.auth.session.refreshToken] : null);
    expect(tokens(late)).toEqual(tokens(first));
    expect(late.cookies.setCookie).toHaveLength(1);
    expect(h.events).toContainEqual(expect.objectContaining({ type: 'session.successor_replayed' }));
  });
});

describe('rejections (C9, C10, C13)', () => {
  it('refresh rejected after a logout elsewhere: cookies cleared, page → login, API → 401', async () => {
    const h = await createHarness();
    const cookie = h.cookieFor(await h.signIn());
    h.mock.controls.signOutUser('ada@example.com');
    h.mock.controls.clock.advance(LIFETIME + 1);
    const page = await h.lockstep.handle(h.request('/dashboard?tab=1', { cookie }));
    expect(page).toMatchObject({ kind: 'redirect', location: '/login?next=%2Fdashboard%3Ftab%3D1', status: 307 });
    expect(page.cookies.setCookie).toEqual(['sb-127-auth-token=; Max-Age=0; Path=/; Secure; SameSite=Lax']);
    const api = await h.lockstep.handle(h.request('/api/me', { cookie, api: true }));
    expect(api).toMatchObject({ kind: 'respond', status: 401, body: { error: 'unauthorized', reason: 'refresh_token_not_found' } });
    expect(eventBodies(h.events)).toContainEqual({ type: 'session.signed_out', reason: 'refresh_token_not_found' });
  });

  it('refresh token reuse detected: signed out with reason refresh_token_already_used (C10)', async () => {
    const h = await createHarness();
    const session = await h.signIn();
    const cookie = h.cookieFor(session);
    // Someone else rotated RT0 → RT1 → RT2 directly at the auth server, more than the reuse interval ago.
    const refresh = async (token: string): Promise<{ refresh_token: string }> =>
      (await (await h.mock.fetch(`${h.mock.url}/auth/v1/token?grant_type=refresh_token`, { method: 'POST', headers: { apikey: h.mock.anonKey, 'content-type': 'application/json' }, body: JSON.stringify({ refresh_token: token }) })).json()) as { refresh_token: string };
    const rt1 = await refresh(session.refresh_token);
    await refresh(rt1.refresh_token);
    h.mock.controls.clock.advance(LIFETIME + 20);
    const outcome = await h.lockstep.handle(h.request('/dashboard', { cookie }));
    expect(outcome).toMatchObject({ kind: 'redirect' });
    expect(outcome.cookies.setCookie[0]).toMatch(/^sb-127-auth-token=; Max-Age=0/);
    expect(eventBodies(h.events)).toContainEqual({ type: 'session.signed_out', reason: 'refresh_token_already_used' });
  });

  it('user mode sees a session revoked server-side; claims mode cannot until the token expires (C13, C27)', async () => {
    const h = await createHarness();
    const session = await h.signIn();
    const cookie = h.cookieFor(session);
    h.mock.controls.resetCounters();
    expect(continued(await h.lockstep.handle(h.request('/admin', { cookie }))).auth).toMatchObject({ kind: 'authenticated', verifiedBy: 'user' });
    expect(h.mock.controls.calls('user')).toBe(1);
    expect(continued(await h.lockstep.handle(h.request('/dashboard', { cookie }))).auth).toMatchObject({ verifiedBy: 'claims' });
    expect(h.mock.controls.calls('user')).toBe(1);

    for (const view of h.mock.controls.sessions('ada@example.com')) h.mock.controls.revokeSession(view.id);
    const admin = await h.lockstep.handle(h.request('/admin', { cookie }));
    expect(admin).toMatchObject({ kind: 'redirect', reason: 'unauthenticated' });
    expect(admin.cookies.setCookie[0]).toMatch(/Max-Age=0/);
    expect(eventBodies(h.events)).toContainEqual({ type: 'session.signed_out', reason: 'session_not_found' });
  });
});

describe('auth server unavailable (C11, C12)', () => {
  it('token still valid: continues with the current token and changes no cookie', async () => {
    const h = await createHarness();
    const cookie = h.cookieFor(await h.signIn());
    await h.lockstep.handle(h.request('/dashboard', { cookie })); // key set cached
    h.mock.controls.clock.advance(LIFETIME - 60); // inside the refresh margin
    h.mock.controls.fail('*', { kind: 'status', status: 503 });
    const outcome = continued(await h.lockstep.handle(h.request('/dashboard', { cookie })));
    expect(outcome.auth).toMatchObject({ kind: 'authenticated', refreshed: false });
    expect(outcome.cookies.setCookie).toEqual([]);
    expect(eventBodies(h.events)).toContainEqual({ type: 'auth.unavailable', operation: 'refresh', cause: 'server_error', status: 503 });
  });

  it('token expired: keeps cookies, 503 for pages and 503 JSON for APIs, within the timeout', async () => {
    const h = await createHarness({ authTimeoutMs: 200 });
    const cookie = h.cookieFor(await h.signIn());
    h.mock.controls.clock.advance(LIFETIME + 1);
    h.mock.controls.fail('token:refresh_token', { kind: 'delay', ms: 5000 });
    const started = performance.now();
    const page = await h.lockstep.handle(h.request('/dashboard', { cookie }));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(page).toMatchObject({ kind: 'respond', status: 503, format: 'text', body: { reason: 'timeout' } });
    expect(page.cookies.setCookie).toEqual([]);
    expect(page.headers).toContainEqual(['Retry-After', '5']);

    h.mock.controls.clearFaults();
    h.mock.controls.fail('token:refresh_token', { kind: 'drop' });
    const api = await h.lockstep.handle(h.request('/api/me', { cookie, api: true }));
    expect(api).toMatchObject({ kind: 'respond', status: 503, format: 'json', body: { error: 'auth_unavailable', reason: 'network' } });
    expect(api.cookies.setCookie).toEqual([]);

    // Public pages still render, without a session and without touching the cookies.
    const home = continued(await h.lockstep.handle(h.request('/', { cookie })));
    expect(home.auth).toEqual({ kind: 'unavailable', cause: 'network' });
    expect(home.cookies.setCookie).toEqual([]);
  });

  it('an unreachable auth server: the event says why (a stable code, no URL, no secret)', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:443 (https://secret.example)'), { code: 'ECONNREFUSED' });
    const h = await createHarness({}, {}, (inner) => (async (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes('/token')) throw new TypeError('fetch failed', { cause: refused });
      return inner(input, init);
    }) as typeof fetch);
    const cookie = h.cookieFor(await h.signIn());
    h.mock.controls.clock.advance(LIFETIME + 1);
    await h.lockstep.handle(h.request('/dashboard', { cookie }));
    expect(eventBodies(h.events)).toContainEqual({ type: 'auth.unavailable', operation: 'refresh', cause: 'network', detail: 'ECONNREFUSED' });
    expect(JSON.stringify(h.events)).not.toMatch(/secret|10\.1\.2\.3/);
  });
});

describe('a failing shared refresh store (DESIGN §3.4)', () => {
  it('falls back to this process, still refreshes once, and reports the failure as an event', async () => {
    const failing = async (): Promise<never> => Promise.reject(Object.assign(new Error('store down'), { code: 'ERR_STORE_DOWN' }));
    const h = await createHarness({
      refreshStore: { getSuccessor: failing, putSuccessor: failing, acquireLock: failing, releaseLock: failing, waitForUnlock: () => Promise.resolve() },
    });
    const cookie = h.cookieFor(await h.signIn());
    h.mock.controls.clock.advance(LIFETIME + 1);
    h.mock.controls.resetCounters();
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => h.lockstep.handle(h.request('/dashboard', { cookie }))));
    expect(outcomes.every((outcome) => outcome.kind === 'continue' && outcome.auth.kind === 'authenticated')).toBe(true);
    expect(h.mock.controls.calls('token:refresh_token')).toBe(1);
    expect(h.events).toContainEqual({ type: 'refresh.store_unavailable', code: 'ERR_STORE_DOWN' });
  });
});
