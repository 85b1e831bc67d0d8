// remoteMockAuth drives a mock over its control routes: the same outcomes as the in-process helpers.
import { describe, expect, it } from 'vitest';
import { remoteMockAuth } from '../src/testing/index.js';
import { useMockAuth } from '../src/vitest/index.js';

const mock = useMockAuth({ tokenLifetimeSeconds: 600 });

describe('remoteMockAuth', () => {
  it('creates a user once, and signs them in with a fresh or an already expired session', async () => {
    const remote = remoteMockAuth(`${mock().url}/`);
    await remote.ensureUser({ email: 'ada@example.com', password: 'correct-horse-1' });
    await remote.ensureUser({ email: 'ada@example.com', password: 'correct-horse-1' });
    expect(mock().controls.findUser('ada@example.com')?.email).toBe('ada@example.com');
    const clockBefore = mock().controls.clock.now();
    const fresh = await remote.issueSession('ada@example.com');
    expect(fresh.expires_at).toBeGreaterThan(Date.now() / 1000 + 590);
    const expired = await remote.issueSession('ada@example.com', { expired: true });
    expect(expired.expires_at).toBeLessThan(Date.now() / 1000);
    // The clock is back where it was (give or take the real time that passed).
    expect(Math.abs(mock().controls.clock.now() - clockBefore)).toBeLessThan(5_000);
  });

  it('expires tokens, injects and restores an outage, and counts refreshes in a burst', async () => {
    const remote = remoteMockAuth(mock().url);
    await remote.ensureUser({ email: 'burst@example.com' });
    const { refresh_token } = await remote.issueSession('burst@example.com');
    const before = mock().controls.clock.now();
    await remote.expireAccessTokens();
    expect(mock().controls.clock.now() - before).toBeGreaterThanOrEqual(605_000);
    const restore = await remote.injectOutage();
    expect((await fetch(`${mock().url}/auth/v1/settings`)).status).toBe(503);
    await restore();
    expect((await fetch(`${mock().url}/auth/v1/settings`)).status).toBe(200);
    const refresh = () => fetch(`${mock().url}/auth/v1/token?grant_type=refresh_token`, { method: 'POST', headers: { apikey: mock().anonKey, 'content-type': 'application/json' }, body: JSON.stringify({ refresh_token }) });
    const burst = await remote.burstAtExpiry(3, refresh, { expire: false });
    expect(burst.refreshes).toBe(3);
    expect(await remote.refreshes()).toBe(mock().controls.calls('token:refresh_token'));
    await expect(remote.burstAtExpiry(0, refresh)).rejects.toThrow(RangeError);
  });

  it('says which control failed, without a secret', async () => {
    const remote = remoteMockAuth(mock().url);
    await expect(remote.issueSession('nobody@example.com')).rejects.toThrow('mock-auth control POST /users/nobody%40example.com/sessions failed (400): mock-auth: no such user');
  });

  it('says when nothing answers at the URL, or something that is not the mock', async () => {
    await expect(remoteMockAuth('http://127.0.0.1:9').refreshes()).rejects.toThrow('no mock-auth answers at http://127.0.0.1:9 (is it running?)');
    const notTheMock = remoteMockAuth('http://app.test', () => Promise.resolve(new Response('<html>', { status: 404 })));
    await expect(notTheMock.refreshes()).rejects.toThrow('http://app.test answered GET /__mock/calls?endpoint=token:refresh_token with 404 and no JSON: is it a mock-auth server?');
  });
});
