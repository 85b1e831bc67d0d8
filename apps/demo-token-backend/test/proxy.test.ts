// The proxy route: bearer token attached, browser credentials stripped, cookies flow back, one retry on 401, never a loop.
import { describe, expect, it } from 'vitest';
import { applySetCookies, COOKIE, cookieValue, useEnv } from './support.js';

interface Echo {
  readonly method: string;
  readonly path: string;
  readonly search: string;
  readonly hasCookie: boolean;
  readonly authorization: string;
  readonly body: string | null;
  readonly user: string;
}

describe('proxy route (createProxyHandler)', () => {
  const env = useEnv('jwks');

  it('forwards with the bearer token; the browser cookie and Authorization never reach the upstream; no-store back', async () => {
    const cookie = await env.signIn();
    const response = await env.send('/api/proxy/api/echo?x=1', {
      cookie: `${cookie}; theme=dark`,
      as: 'api',
      method: 'POST',
      headers: { authorization: 'Basic c3B5OnNweQ==', 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(response.status).toBe(200);
    const echo = (await response.json()) as Echo;
    expect(echo).toMatchObject({ method: 'POST', path: '/api/echo', search: '?x=1', hasCookie: false, authorization: 'Bearer', body: 'hello' });
    // The upstream's own Set-Cookie never lands on the app's origin.
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(response.headers.get('x-upstream')).toBe('yes');
    expect(response.headers.get('cache-control')).toMatch(/no-store/);
  });

  it('anonymous: 401 JSON from Lockstep, nothing forwarded', async () => {
    const response = await env.send('/api/proxy/api/data', { as: 'api' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'unauthorized' });
    expect(env.backend.controls.calls('api')).toBe(0);
  });

  it('expired session: refreshed before forwarding; the refreshed cookie flows back', async () => {
    const cookie = await env.expiredSession();
    const responses = await Promise.all(Array.from({ length: 10 }, () => env.send('/api/proxy/api/data', { cookie, as: 'api' })));
    expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 10 }, () => 200));
    expect(env.backend.controls.calls('refresh')).toBe(1);
    const first = responses[0] ?? new Response();
    expect(first.headers.getSetCookie()[0]).toMatch(new RegExp(`^${COOKIE}=v1\\..*HttpOnly`));
  });

  it('upstream 401 for an unexpired token: one forced refresh, one retry, success', async () => {
    const cookie = await env.signIn();
    env.backend.controls.resetCounters();
    env.backend.controls.refuseIssuedAccessTokens();
    const response = await env.send('/api/proxy/api/data', { cookie, as: 'api' });
    expect(response.status).toBe(200);
    expect(env.backend.controls.calls('refresh')).toBe(1);
    expect(env.backend.controls.calls('api')).toBe(2);
    const next = applySetCookies(cookie, response.headers.getSetCookie());
    expect(cookieValue(next, COOKIE) !== cookieValue(cookie, COOKIE)).toBe(true);
    // The new cookie works without another refresh.
    env.backend.controls.resetCounters();
    expect((await env.send('/api/proxy/api/data', { cookie: next, as: 'api' })).status).toBe(200);
    expect(env.backend.controls.calls('refresh')).toBe(0);
  });

  it('concurrent upstream 401s for one token: still one refresh', async () => {
    const cookie = await env.signIn();
    env.backend.controls.resetCounters();
    env.backend.controls.refuseIssuedAccessTokens();
    const responses = await Promise.all(Array.from({ length: 10 }, () => env.send('/api/proxy/api/data', { cookie, as: 'api' })));
    expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 10 }, () => 200));
    expect(env.backend.controls.calls('refresh')).toBe(1);
  });

  it('upstream keeps answering 401: retried once, then the 401 is passed on — no loop', async () => {
    const cookie = await env.signIn();
    env.backend.controls.resetCounters();
    env.backend.controls.refuseAllAccessTokens(true);
    const response = await env.send('/api/proxy/api/data', { cookie, as: 'api' });
    expect(response.status).toBe(401);
    expect(env.backend.controls.calls('refresh')).toBe(1);
    expect(env.backend.controls.calls('api')).toBe(2);
    // The renewed session's cookie still reaches the browser with the 401.
    expect(response.headers.getSetCookie()[0]).toMatch(new RegExp(`^${COOKIE}=v1\\.`));
  });

  it('a 401 for a token refreshed in this very request is passed on without a second refresh', async () => {
    const cookie = await env.expiredSession();
    env.backend.controls.refuseAllAccessTokens(true);
    const response = await env.send('/api/proxy/api/data', { cookie, as: 'api' });
    expect(response.status).toBe(401);
    expect(env.backend.controls.calls('refresh')).toBe(1);
    expect(env.backend.controls.calls('api')).toBe(1);
  });

  it('upstream unreachable: 502 JSON, the session untouched', async () => {
    const cookie = await env.signIn();
    env.backend.controls.fail('api', { kind: 'drop' });
    const response = await env.send('/api/proxy/api/data', { cookie, as: 'api' });
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ error: 'upstream_unavailable', reason: 'network' });
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('paths cannot climb out of the upstream base', async () => {
    const cookie = await env.signIn();
    for (const path of ['/api/proxy/../login', '/api/proxy/%2e%2e/token']) {
      const response = await env.send(path, { cookie, as: 'api' });
      expect(response.status).not.toBe(200);
    }
    expect(env.backend.controls.calls('refresh')).toBe(0);
  });
});
