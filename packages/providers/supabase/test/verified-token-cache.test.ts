// `jwt.cacheSize`: the bound of the verified-token cache reaches the verifier, and every hit still checks `exp`.
import { describe, expect, it } from 'vitest';
import { LockstepError } from '@lockstep/core';
import type { LockstepEvent } from '@lockstep/core';
import { createHarness } from './support.js';

const verifiedCached = (events: readonly LockstepEvent[]): boolean[] =>
  events.flatMap((event) => (event.type === 'session.verified' ? [event.cached] : []));

describe('jwt.cacheSize', () => {
  it('bounds the verified tokens remembered: with 1, two sessions in turn are verified every time', async () => {
    const h = await createHarness({ jwt: { cacheSize: 1 } });
    const [a, b] = [h.cookieFor(await h.signIn()), h.cookieFor(await h.signIn())];
    for (const cookie of [a, a, b, a, b, b]) await h.lockstep.handle(h.request('/dashboard', { cookie }));
    expect(verifiedCached(h.events)).toEqual([false, true, false, false, false, true]);
  });

  it('the default remembers both', async () => {
    const h = await createHarness();
    const [a, b] = [h.cookieFor(await h.signIn()), h.cookieFor(await h.signIn())];
    for (const cookie of [a, b, a, b]) await h.lockstep.handle(h.request('/dashboard', { cookie }));
    expect(verifiedCached(h.events)).toEqual([false, false, true, true]);
  });

  // With the defaults both caches hold this cookie (the verified-session cache by its value): neither serves it past exp.
  it('a cached token past its exp is not served from the cache', async () => {
    const h = await createHarness({ refreshMarginSeconds: 0 });
    const session = await h.signIn();
    const cookie = h.cookieFor(session);
    await h.lockstep.handle(h.request('/dashboard', { cookie }));
    h.mock.controls.clock.advance(session.expires_in + 1);
    h.events.length = 0;
    const outcome = await h.lockstep.handle(h.request('/dashboard', { cookie }));
    // Expired: refreshed upstream, and the new token verified afresh; the old one is never reported cached.
    expect(outcome.kind === 'continue' && outcome.auth.kind === 'authenticated' && outcome.auth.refreshed).toBe(true);
    expect(verifiedCached(h.events)).not.toContain(true);
  });

  it.each([0, -1, 1.5, 2_000_000, '10', Number.NaN])('refuses %s', async (cacheSize) => {
    await expect(createHarness({ jwt: { cacheSize: cacheSize as number } })).rejects.toSatisfy(
      (error: unknown) => error instanceof LockstepError && error.code === 'ERR_CONFIG_INVALID' && error.message.includes('jwt.cacheSize'),
    );
  });
});
