// The verified-session cache (`jwt.sessionCacheBytes`): a repeat of the same cookie skips decoding, never a check that matters.
import { describe, expect, it } from 'vitest';
import { LockstepError, type LockstepEvent, type Outcome } from '@lockstep/core';
import { stringToBase64URL } from '@supabase/ssr';
import { resolveCookieOptions } from '@lockstep/core/cookies';
import { hashTokenSync } from '@lockstep/core/provider';
import { supabase } from '../src/index.js';
import { createHarness } from './support.js';

const verifiedCached = (events: readonly LockstepEvent[]): boolean[] =>
  events.flatMap((event) => (event.type === 'session.verified' ? [event.cached] : []));

function authOf(outcome: Outcome) {
  if (outcome.kind !== 'continue') throw new Error(`expected continue, got ${outcome.kind}`);
  return outcome.auth;
}

describe('jwt.sessionCacheBytes: the verified-session cache', () => {
  it('serves a repeat of the same cookie with the same frozen session, reported cached', async () => {
    const h = await createHarness();
    const cookie = h.cookieFor(await h.signIn());
    const first = authOf(await h.lockstep.handle(h.request('/dashboard', { cookie })));
    const second = authOf(await h.lockstep.handle(h.request('/dashboard', { cookie })));
    expect(verifiedCached(h.events)).toEqual([false, true]);
    if (first.kind !== 'authenticated' || second.kind !== 'authenticated') throw new Error('expected authenticated');
    expect(second.session).toBe(first.session);
    expect(second.user).toEqual(first.user);
    // Shared between requests, so no request can edit what the next one reads.
    expect(Object.isFrozen(second.session)).toBe(true);
    expect(Object.isFrozen(second.session.user?.raw)).toBe(true);
    expect(Object.isFrozen(second.user.raw)).toBe(true);
    expect(() => {
      (second.session.user?.raw as Record<string, unknown>).email = 'mallory@example.com';
    }).toThrow(TypeError);
  });

  it('a cookie that differs in one character is decoded on its own, never served the cached session', async () => {
    const h = await createHarness();
    const session = await h.signIn();
    const cookie = h.cookieFor(session);
    await h.lockstep.handle(h.request('/dashboard', { cookie }));
    // Same access token, another refresh token: a different cookie value, so a different entry.
    const edited = h.cookieFor({ ...session, refresh_token: `${session.refresh_token}x` });
    const auth = authOf(await h.lockstep.handle(h.request('/dashboard', { cookie: edited })));
    if (auth.kind !== 'authenticated') throw new Error('expected authenticated');
    expect(auth.session.refreshToken).toBe(`${session.refresh_token}x`);
  });

  it('applies revocation to hits: a revoked session is refused on its next cached request', async () => {
    const h = await createHarness();
    const session = await h.signIn();
    const cookie = h.cookieFor(session);
    expect(authOf(await h.lockstep.handle(h.request('/dashboard', { cookie }))).kind).toBe('authenticated');
    expect(authOf(await h.lockstep.handle(h.request('/dashboard', { cookie }))).kind).toBe('authenticated');
    await h.lockstep.revokeUser(String(session.user.id));
    const outcome = await h.lockstep.handle(h.request('/dashboard', { cookie }));
    expect(outcome.kind).toBe('redirect');
    expect(h.events).toContainEqual(expect.objectContaining({ type: 'session.signed_out', reason: 'session_revoked' }));
  });

  it('does not keep a cookie whose expiry depends on the clock (expires_at 0, expires_in counted from now)', async () => {
    const h = await createHarness();
    const session = { ...(await h.signIn()), expires_at: 0 };
    // Written by hand: Lockstep itself never stores such a cookie.
    const cookie = `${h.lockstep.config.storageKey}=base64-${stringToBase64URL(JSON.stringify(session))}`;
    const first = authOf(await h.lockstep.handle(h.request('/dashboard', { cookie })));
    const second = authOf(await h.lockstep.handle(h.request('/dashboard', { cookie })));
    if (first.kind !== 'authenticated' || second.kind !== 'authenticated') throw new Error('expected authenticated');
    expect(second.session).not.toBe(first.session);
    // The verified-token cache still answers.
    expect(verifiedCached(h.events)).toEqual([false, true]);
  });

  it.each([
    ['0 keeps nothing', 0],
    ['a bound below one cookie keeps none of them', 100],
  ])('with %s: every request decodes (the verified-token cache still answers)', async (_name, sessionCacheBytes) => {
    const h = await createHarness({ jwt: { sessionCacheBytes } });
    const cookie = h.cookieFor(await h.signIn());
    const first = authOf(await h.lockstep.handle(h.request('/dashboard', { cookie })));
    const second = authOf(await h.lockstep.handle(h.request('/dashboard', { cookie })));
    if (first.kind !== 'authenticated' || second.kind !== 'authenticated') throw new Error('expected authenticated');
    expect(second.session).not.toBe(first.session);
    expect(second.session).toEqual(first.session);
    expect(verifiedCached(h.events)).toEqual([false, true]);
  });

  it('is bounded by entries (jwt.cacheSize): with 1, two cookies in turn are decoded every time', async () => {
    const h = await createHarness({ jwt: { cacheSize: 1 } });
    const [a, b] = [h.cookieFor(await h.signIn()), h.cookieFor(await h.signIn())];
    const sessions = [];
    for (const cookie of [a, b, a]) {
      const auth = authOf(await h.lockstep.handle(h.request('/dashboard', { cookie })));
      if (auth.kind !== 'authenticated') throw new Error('expected authenticated');
      sessions.push(auth.session);
    }
    expect(sessions[2]).not.toBe(sessions[0]);
  });

  it('keeps a session mode read too, and a claims route on the same cookie still verifies the signature', async () => {
    const h = await createHarness({ routes: [{ match: '/hint', access: 'public', verify: 'session' }, { match: '/dashboard', access: 'protected' }] });
    const cookie = h.cookieFor(await h.signIn());
    const hint = authOf(await h.lockstep.handle(h.request('/hint', { cookie })));
    const again = authOf(await h.lockstep.handle(h.request('/hint', { cookie })));
    if (hint.kind !== 'authenticated' || again.kind !== 'authenticated') throw new Error('expected authenticated');
    expect(again.session).toBe(hint.session);
    h.events.length = 0;
    await h.lockstep.handle(h.request('/dashboard', { cookie }));
    expect(h.events).toContainEqual(expect.objectContaining({ type: 'session.verified', mode: 'claims', cached: false }));
  });

  it.each([-1, 1.5, 2 ** 31, '10', Number.NaN])('refuses %s', async (bytes) => {
    await expect(createHarness({ jwt: { sessionCacheBytes: bytes as number } })).rejects.toSatisfy(
      (error: unknown) => error instanceof LockstepError && error.code === 'ERR_CONFIG_INVALID' && error.message.includes('jwt.sessionCacheBytes'),
    );
  });
});

describe('jwt.sessionCacheBytes default', () => {
  const settings = { supabaseUrl: 'https://abcdefghijklmnopqrst.supabase.co', supabaseKey: 'sb_publishable_abcdefghijklmnopqrstuv_12345678' };
  const env = { fetch: (() => Promise.reject(new Error('offline'))) as typeof fetch, timeoutMs: 1000, cookies: resolveCookieOptions(undefined) };
  const part = (value: object) => stringToBase64URL(JSON.stringify(value));
  const token = `${part({ alg: 'ES256' })}.${part({ sub: 'u1', exp: 2_000_000_000 })}.c2ln`;
  const cookie = (key: string) => [{ name: key, value: `base64-${stringToBase64URL(JSON.stringify({ access_token: token, refresh_token: 'r', expires_at: 2_000_000_000, user: null }))}` }];

  async function sameSessionTwice(nativeHash: boolean, sessionCacheBytes?: number): Promise<boolean> {
    const provider = supabase({ ...settings, ...(sessionCacheBytes === undefined ? {} : { jwt: { sessionCacheBytes } }) })({ ...env, hashToken: hashTokenSync, nativeHash });
    const reads = [];
    for (let i = 0; i < 2; i++) {
      const read = await provider.readSession(cookie(provider.cookieName), 1_000);
      if (read.kind !== 'present') throw new Error('expected a session');
      // `session` mode vouches for the read (it verifies nothing): the cookie value may now enter the cache.
      await provider.check(read.session, { kind: 'cookie', mode: 'session' }, 1_000);
      reads.push(read.session);
    }
    return reads[0] === reads[1];
  }

  it('is on where the hash is native, off on the pure-JS fallback (Edge), and an explicit setting wins', async () => {
    expect(await sameSessionTwice(true)).toBe(true);
    expect(await sameSessionTwice(false)).toBe(false);
    expect(await sameSessionTwice(false, 1_000_000)).toBe(true);
    expect(await sameSessionTwice(true, 0)).toBe(false);
  });
});
