// The fake's contract: login, rotation with a reuse window and reuse detection, the protected API, faults.
import { describe, expect, it } from 'vitest';
import { createMockTokenBackend, startMockTokenBackend, type MockTokenBackend, type TokenResponse } from '../src/index.js';

const EMAIL = 'ada@example.com';
const PASSWORD = 'pw-ada-1';

async function setup(algorithm: 'ES256' | 'HS256' = 'ES256'): Promise<MockTokenBackend> {
  return createMockTokenBackend({ algorithm, users: [{ email: EMAIL, password: PASSWORD }] });
}

const post = (backend: MockTokenBackend, path: string, body: unknown, bearer?: string): Promise<Response> =>
  backend.fetch(`${backend.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }) },
    body: JSON.stringify(body),
  });

const refresh = (backend: MockTokenBackend, token: string): Promise<Response> => post(backend, '/token', { grant_type: 'refresh_token', refresh_token: token });

describe('login', () => {
  it('issues tokens for the right password and refuses a wrong one with invalid_grant', async () => {
    const backend = await setup();
    const ok = await post(backend, '/login', { email: EMAIL, password: PASSWORD });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as TokenResponse;
    expect(body.expires_in).toBe(3600);
    expect(body.user.email).toBe(EMAIL);
    const bad = await post(backend, '/login', { email: EMAIL, password: 'nope' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_grant', code: 'invalid_credentials' });
    expect(backend.controls.calls('login')).toBe(2);
  });
});

describe('refresh rotation', () => {
  it('rotates; a spent token inside the reuse window returns the active one; after it, reuse revokes the session', async () => {
    const backend = await setup();
    const first = await backend.controls.issueSession(EMAIL);
    const rotated = (await (await refresh(backend, first.refresh_token)).json()) as TokenResponse;
    expect(rotated.refresh_token).not.toBe(first.refresh_token);

    backend.clock.advance(5);
    const replay = (await (await refresh(backend, first.refresh_token)).json()) as TokenResponse;
    expect(replay.refresh_token === rotated.refresh_token, 'replay inside the window converges on the active token').toBe(true);

    backend.clock.advance(6);
    const reuse = await refresh(backend, first.refresh_token);
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ error: 'invalid_grant', code: 'refresh_token_already_used' });
    // The whole family is gone.
    expect(await (await refresh(backend, rotated.refresh_token)).json()).toMatchObject({ code: 'session_not_found' });
  });

  it('an unknown token is refresh_token_not_found; a revoked user is session_not_found', async () => {
    const backend = await setup();
    expect(await (await refresh(backend, 'unknown')).json()).toMatchObject({ code: 'refresh_token_not_found' });
    const session = await backend.controls.issueSession(EMAIL);
    backend.controls.revokeUser(EMAIL);
    expect(await (await refresh(backend, session.refresh_token)).json()).toMatchObject({ code: 'session_not_found' });
  });
});

describe('protected API', () => {
  it.each(['ES256', 'HS256'] as const)('%s: needs a valid, unexpired, unrevoked bearer token', async (algorithm) => {
    const backend = await setup(algorithm);
    const session = await backend.controls.issueSession(EMAIL);
    const get = (token?: string): Promise<Response> =>
      backend.fetch(`${backend.url}/api/data`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
    expect((await get()).status).toBe(401);
    expect((await get(session.access_token)).status).toBe(200);
    backend.controls.refuseIssuedAccessTokens();
    expect((await get(session.access_token)).status).toBe(401);
    const renewed = (await (await refresh(backend, session.refresh_token)).json()) as TokenResponse;
    expect((await get(renewed.access_token)).status).toBe(200);
    backend.clock.advance(3601);
    expect((await get(renewed.access_token)).status).toBe(401);
  });
});

describe('faults', () => {
  it('status, rate limit, html and drop, each for the given number of calls', async () => {
    const backend = await setup();
    const session = await backend.controls.issueSession(EMAIL);
    backend.controls.fail('refresh', { kind: 'status', status: 503 }, { times: 1 });
    backend.controls.fail('refresh', { kind: 'rate-limit' }, { times: 1 });
    backend.controls.fail('refresh', { kind: 'html' }, { times: 1 });
    backend.controls.fail('refresh', { kind: 'drop' }, { times: 1 });
    expect((await refresh(backend, session.refresh_token)).status).toBe(503);
    expect((await refresh(backend, session.refresh_token)).status).toBe(429);
    expect((await refresh(backend, session.refresh_token)).headers.get('content-type')).toBe('text/html');
    await expect(refresh(backend, session.refresh_token)).rejects.toThrow(TypeError);
    expect((await refresh(backend, session.refresh_token)).status).toBe(200);
    expect(backend.controls.calls('refresh')).toBe(5);
  });
});

describe('loopback server', () => {
  it('serves the same endpoints over HTTP on 127.0.0.1', async () => {
    const backend = await startMockTokenBackend({ users: [{ email: EMAIL, password: PASSWORD }] });
    try {
      expect(backend.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${backend.url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password: PASSWORD }) });
      expect(response.status).toBe(200);
      const jwks = (await (await fetch(backend.jwksUrl)).json()) as { keys: unknown[] };
      expect(jwks.keys).toHaveLength(1);
    } finally {
      await backend.stop();
    }
  });
});

describe('sign-out scope, live sessions and reset', () => {
  it('a plain logout ends one session; scope global ends every session of the user', async () => {
    const backend = await setup();
    const one = await backend.controls.issueSession(EMAIL);
    await backend.controls.issueSession(EMAIL);
    const other = await backend.controls.issueSession(EMAIL);
    expect(backend.controls.liveSessions(EMAIL)).toBe(3);
    expect((await post(backend, '/logout', {}, one.access_token)).status).toBe(204);
    expect(backend.controls.liveSessions(EMAIL)).toBe(2);
    expect((await post(backend, '/logout', { scope: 'global' }, other.access_token)).status).toBe(204);
    expect(backend.controls.liveSessions(EMAIL)).toBe(0);
    expect(await (await refresh(backend, other.refresh_token)).json()).toMatchObject({ code: 'session_not_found' });
  });

  it('scope others ends every other session of the user and keeps the caller\'s', async () => {
    const backend = await setup();
    const mine = await backend.controls.issueSession(EMAIL);
    const other = await backend.controls.issueSession(EMAIL);
    expect((await post(backend, '/logout', { scope: 'others' }, mine.access_token)).status).toBe(204);
    expect(backend.controls.liveSessions(EMAIL)).toBe(1);
    expect(await (await refresh(backend, other.refresh_token)).json()).toMatchObject({ code: 'session_not_found' });
    expect((await refresh(backend, mine.refresh_token)).status).toBe(200);
  });

  it('reset: seed users only, no sessions, faults or counts, the initial token lifetime; the keys stay', async () => {
    const backend = await setup();
    const before = await backend.controls.issueSession(EMAIL);
    backend.controls.addUser('mallory@example.com', 'pw-mallory-1');
    backend.controls.fail('refresh', { kind: 'status', status: 503 });
    backend.controls.setAccessTokenTtl(60);
    await post(backend, '/login', { email: EMAIL, password: PASSWORD });
    backend.controls.reset();
    expect(backend.controls.calls('login')).toBe(0);
    expect(backend.controls.liveSessions(EMAIL)).toBe(0);
    expect(await (await refresh(backend, before.refresh_token)).json()).toMatchObject({ code: 'refresh_token_not_found' });
    expect((await post(backend, '/login', { email: 'mallory@example.com', password: 'pw-mallory-1' })).status).toBe(400);
    const after = await backend.controls.issueSession(EMAIL);
    expect(after.expires_in).toBe(3600);
    expect((await refresh(backend, after.refresh_token)).status).toBe(200);
    const me = await backend.fetch(`${backend.url}/me`, { headers: { authorization: `Bearer ${after.access_token}` } });
    expect(me.status).toBe(200);
  });
});
