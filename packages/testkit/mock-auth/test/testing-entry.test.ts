// @lockstep/mock-auth/testing: the cookies are what @supabase/ssr itself reads, chunked when large; the helpers do what they say.
import { createServerClient } from '@supabase/ssr';
import { describe, expect, it } from 'vitest';
import { createMockAuth } from '../src/index.js';
import { burstAtExpiry, expectOneRefresh, expireAccessTokens, injectOutage, signedIn, signedInRequest, storageKeyFor, storageState } from '../src/testing/index.js';

const ADA = { email: 'ada@example.com', password: 'correct-horse-1' };

async function readBySupabaseSsr(supabaseUrl: string, cookies: readonly { name: string; value: string }[], fetchImpl: typeof fetch): Promise<string | undefined> {
  const client = createServerClient(supabaseUrl, 'anon', { cookies: { getAll: () => [...cookies], setAll: () => undefined }, global: { fetch: fetchImpl } });
  const { data } = await client.auth.getSession();
  return data.session?.access_token;
}

describe('signedIn', () => {
  it('writes cookies @supabase/ssr reads back as the same session, named for the project URL', async () => {
    const mock = await createMockAuth({ users: [ADA] });
    mock.controls.clock.freeze();
    const { session, cookies, cookie } = await signedIn(mock, { email: ADA.email });
    expect(cookies.map(({ name }) => name)).toEqual(['sb-127-auth-token']);
    expect(cookie).toBe(`sb-127-auth-token=${cookies[0]?.value ?? ''}`);
    expect(await readBySupabaseSsr(mock.url, cookies, mock.fetch)).toBe(session.access_token);
    expect(storageKeyFor('https://abcdefgh.supabase.co')).toBe('sb-abcdefgh-auth-token');
    const forProject = await signedIn(mock, { email: ADA.email, supabaseUrl: 'https://abcdefgh.supabase.co' });
    expect(forProject.cookies[0]?.name).toBe('sb-abcdefgh-auth-token');
  });

  it('chunks a large session (.0, .1, …) exactly as @supabase/ssr does, and it still reads back', async () => {
    const mock = await createMockAuth({ users: [{ ...ADA, userMetadata: { bio: 'x'.repeat(6000) } }] });
    mock.controls.clock.freeze();
    const { session, cookies } = await signedIn(mock, { email: ADA.email });
    expect(cookies.length).toBeGreaterThanOrEqual(3);
    expect(cookies.map(({ name }) => name)).toEqual(cookies.map((_, index) => `sb-127-auth-token.${String(index)}`));
    expect(cookies.every(({ value }) => encodeURIComponent(value).length <= 3180)).toBe(true);
    expect(await readBySupabaseSsr(mock.url, cookies, mock.fetch)).toBe(session.access_token);
  });
});

describe('signedInRequest and storageState', () => {
  it('a navigation Request with the cookies; other cookies kept', async () => {
    const mock = await createMockAuth({ users: [ADA] });
    const request = await signedInRequest(mock, 'http://app.test/dashboard', { email: ADA.email, init: { headers: { cookie: 'theme=dark' } } });
    expect(request.headers.get('cookie')).toMatch(/^theme=dark; sb-127-auth-token=base64-/);
    expect(request.headers.get('sec-fetch-mode')).toBe('navigate');
    expect(request.url).toBe('http://app.test/dashboard');
  });

  it("a storage state for the app's host, Secure only on https", async () => {
    const mock = await createMockAuth({ users: [ADA] });
    const local = await storageState(mock, { email: ADA.email, appUrl: 'http://localhost:3000' });
    expect(local.cookies).toEqual([expect.objectContaining({ name: 'sb-127-auth-token', domain: 'localhost', path: '/', secure: false, sameSite: 'Lax', httpOnly: false })]);
    expect(local.cookies[0]?.expires).toBeGreaterThan(Date.now() / 1000);
    const deployed = await storageState(mock, { email: ADA.email, appUrl: 'https://app.example.com/x' });
    expect(deployed.cookies[0]).toMatchObject({ domain: 'app.example.com', secure: true });
  });
});

describe('expiry, outages and bursts', () => {
  it('expireAccessTokens moves the clock past the token lifetime', async () => {
    const mock = await createMockAuth({ users: [ADA], tokenLifetimeSeconds: 600 });
    mock.controls.clock.freeze();
    const { session } = await signedIn(mock, { email: ADA.email });
    expireAccessTokens(mock);
    expect(mock.controls.clock.now() / 1000).toBeGreaterThan(session.expires_at);
  });

  it('injectOutage fails every endpoint with 503 until restored', async () => {
    const mock = await createMockAuth({ users: [ADA] });
    const restore = injectOutage(mock);
    expect((await mock.fetch(`${mock.url}/auth/v1/settings`)).status).toBe(503);
    restore();
    expect((await mock.fetch(`${mock.url}/auth/v1/settings`)).status).toBe(200);
  });

  it('burstAtExpiry counts refresh grants; expectOneRefresh fails on zero and on two', async () => {
    const mock = await createMockAuth({ users: [ADA] });
    mock.controls.clock.freeze();
    const { session } = await signedIn(mock, { email: ADA.email });
    const refresh = () => mock.fetch(`${mock.url}/auth/v1/token?grant_type=refresh_token`, { method: 'POST', headers: { apikey: mock.anonKey, 'content-type': 'application/json' }, body: JSON.stringify({ refresh_token: session.refresh_token }) });
    const none = await burstAtExpiry(mock, 3, () => Promise.resolve('no call'));
    expect(none.refreshes).toBe(0);
    expect(() => expectOneRefresh(none)).toThrow(/exactly one refresh.*saw 0/);
    const two = await burstAtExpiry(mock, 2, refresh);
    expect(two.refreshes).toBe(2);
    expect(() => expectOneRefresh(two)).toThrow(/saw 2/);
    await expect(burstAtExpiry(mock, 0, refresh)).rejects.toThrow(RangeError);
  });
});
