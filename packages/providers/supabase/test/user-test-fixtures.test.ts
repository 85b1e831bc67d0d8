// The fixtures users get from @lockstep/mock-auth/testing, against a real Lockstep: a signed-in request passes,
// a burst at expiry refreshes once, an outage answers 503, a chunked session is read.
import { createMockAuth } from '@lockstep/mock-auth';
import { burstAtExpiry, expectOneRefresh, expireAccessTokens, injectOutage, signedIn, signedInRequest } from '@lockstep/mock-auth/testing';
import { describe, expect, it } from 'vitest';
import { createSupabaseLockstep } from '../src/with-supabase.js';

const ADA = { email: 'ada@example.com', password: 'correct-horse-1' };

async function setUp(userMetadata?: Record<string, unknown>) {
  const mock = await createMockAuth({ users: [{ ...ADA, ...(userMetadata === undefined ? {} : { userMetadata }) }] });
  mock.controls.clock.freeze();
  const lockstep = createSupabaseLockstep({ supabaseUrl: mock.url, supabaseKey: mock.anonKey, routes: [{ match: '/', access: 'public' }] }, { fetch: mock.fetch, now: () => mock.controls.clock.now() / 1000 });
  return { mock, lockstep };
}

describe('@lockstep/mock-auth/testing with Lockstep', () => {
  it('signedInRequest passes a protected page; the same page without it goes to login', async () => {
    const { mock, lockstep } = await setUp();
    const outcome = await lockstep.handle(await signedInRequest(mock, 'http://app.test/dashboard', { email: ADA.email }));
    expect(outcome).toMatchObject({ kind: 'continue', auth: { kind: 'authenticated', user: { email: ADA.email } } });
    expect((await lockstep.handle(new Request('http://app.test/dashboard', { headers: { 'sec-fetch-mode': 'navigate' } }))).kind).toBe('redirect');
  });

  it('20 requests at expiry: exactly one refresh, every one authenticated', async () => {
    const { mock, lockstep } = await setUp();
    const { cookie } = await signedIn(mock, { email: ADA.email });
    const burst = await burstAtExpiry(mock, 20, () => lockstep.handle(new Request('http://app.test/dashboard', { headers: { cookie } })));
    expectOneRefresh(burst);
    expect(burst.results.every((outcome) => outcome.kind === 'continue' && outcome.auth.kind === 'authenticated' && outcome.auth.refreshed)).toBe(true);
  });

  it('an outage at expiry answers 503 and keeps the cookies', async () => {
    const { mock, lockstep } = await setUp();
    const { cookie } = await signedIn(mock, { email: ADA.email });
    expireAccessTokens(mock);
    const restore = injectOutage(mock);
    const outcome = await lockstep.handle(new Request('http://app.test/dashboard', { headers: { cookie, accept: 'application/json' } }));
    restore();
    expect(outcome).toMatchObject({ kind: 'respond', status: 503 });
    expect(outcome.cookies.writes).toEqual([]);
  });

  it('a chunked session cookie is read', async () => {
    const { mock, lockstep } = await setUp({ bio: 'y'.repeat(5000) });
    const signed = await signedIn(mock, { email: ADA.email });
    expect(signed.cookies.length).toBeGreaterThan(1);
    expect(await lockstep.handle(new Request('http://app.test/dashboard', { headers: { cookie: signed.cookie } }))).toMatchObject({ kind: 'continue', auth: { kind: 'authenticated' } });
  });
});
