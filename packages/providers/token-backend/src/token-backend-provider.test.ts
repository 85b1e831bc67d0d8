// The provider behind the port: refresh mapping and classification, sign-in, check modes, config validation.
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { LockstepError } from '@lockstep/core';
import type { Session } from '@lockstep/core';
import { resolveCookieOptions } from '@lockstep/core/cookies';
import { createTokenBackendProvider } from './token-backend-provider.js';
import type { TokenBackendOptions } from './token-backend-options.js';

const NOW = 1_750_000_000;
const SECRET = 'token-backend-unit-test-secret-0123456789';
const ISSUER = 'https://api.test';
const URLS = { loginUrl: 'https://api.test/login', refreshUrl: 'https://api.test/token', userUrl: 'https://api.test/me' };
const JWT = { secret: SECRET, issuer: ISSUER, audience: 'web' };

const mint = (claims: Record<string, unknown> = {}, secret = SECRET): Promise<string> =>
  new SignJWT({ sub: 'user-1', email: 'ada@example.com', iss: ISSUER, aud: 'web', iat: NOW, exp: NOW + 3600, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(secret));

/** A provider whose backend answers every call with `answer` (and records the calls). */
function providerWith(answer: () => Response | Promise<Response>, options: Partial<TokenBackendOptions> = {}) {
  const calls: Request[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(new Request(input, init));
    return answer();
  }) as typeof globalThis.fetch;
  const provider = createTokenBackendProvider({ ...URLS, jwt: JWT, ...options })({ fetch, timeoutMs: 500, cookies: resolveCookieOptions() });
  return { provider, calls };
}

const json = (status: number, body: unknown): Response => Response.json(body, { status });

describe('refresh', () => {
  it('maps an OAuth token answer; expiry from expires_in', async () => {
    const { provider, calls } = providerWith(() => json(200, { access_token: 'at-2', refresh_token: 'rt-2', expires_in: 900, user: { id: 'user-1', email: 'ada@example.com' } }));
    const result = await provider.refresh('rt-1', NOW);
    expect(result).toMatchObject({ kind: 'refreshed', session: { accessToken: 'at-2', refreshToken: 'rt-2', expiresAt: NOW + 900, user: { id: 'user-1' } } });
    expect(await calls[0]?.json()).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt-1' });
  });

  it('keeps the old refresh token when the backend does not rotate; expiry from the JWT', async () => {
    const token = await mint();
    const { provider } = providerWith(() => json(200, { access_token: token }));
    expect(await provider.refresh('rt-1', NOW)).toMatchObject({ kind: 'refreshed', session: { refreshToken: 'rt-1', expiresAt: NOW + 3600 } });
  });

  it.each([
    ['400 invalid_grant', () => json(400, { error: 'invalid_grant' }), { kind: 'rejected', reason: 'invalid_grant' }],
    ['400 reuse', () => json(400, { error: 'invalid_grant', code: 'refresh_token_already_used' }), { kind: 'rejected', reason: 'refresh_token_already_used' }],
    ['401 bare', () => new Response(null, { status: 401 }), { kind: 'unavailable', cause: 'unknown_refusal', status: 401 }],
    ['401 Bearer invalid_grant', () => new Response(null, { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_grant"' } }), { kind: 'rejected', reason: 'invalid_grant' }],
    ['401 gateway key', () => json(401, { message: 'Invalid API key' }), { kind: 'unavailable', cause: 'unknown_refusal', status: 401 }],
    ['404 (misrouted)', () => json(404, { error: 'not_found' }), { kind: 'unavailable', cause: 'unknown_refusal', status: 404 }],
    ['503', () => json(503, {}), { kind: 'unavailable', cause: 'server_error', status: 503 }],
    ['429', () => json(429, {}), { kind: 'unavailable', cause: 'rate_limited', status: 429 }],
    ['200 error body (GHSA-8fpg-xm3f-6cx3)', () => json(200, { error: 'nope' }), { kind: 'unavailable', cause: 'protocol', status: 200 }],
    ['200 without expiry', () => json(200, { access_token: 'opaque', refresh_token: 'r' }), { kind: 'unavailable', cause: 'protocol', status: 200 }],
    ['200 HTML', () => new Response('<html>'), { kind: 'unavailable', cause: 'protocol', status: 200 }],
  ])('%s', async (_name, answer, expected) => {
    const { provider } = providerWith(answer);
    expect(await provider.refresh('rt-1', NOW)).toEqual(expected);
  });

  it('custom body, mapping and classification', async () => {
    const { provider, calls } = providerWith(() => json(418, { reason: 'teapot' }), {
      refreshBody: (refreshToken) => ({ form: { token: refreshToken } }),
      classifyRejection: ({ status }) => (status === 418 ? { kind: 'terminal', reason: 'session_expired' } : { kind: 'transient' }),
    });
    expect(await provider.refresh('rt-1', NOW)).toEqual({ kind: 'rejected', reason: 'session_expired' });
    expect(await calls[0]?.text()).toBe('token=rt-1');
  });

  it('a mapper that throws is a protocol failure, not a crash', async () => {
    const { provider } = providerWith(() => json(200, {}), {
      mapTokens: () => {
        throw new Error('boom');
      },
    });
    expect(await provider.refresh('rt-1', NOW)).toMatchObject({ kind: 'unavailable', cause: 'protocol' });
  });
});

describe('signInWithPassword', () => {
  it('refused credentials carry the backend code, or invalid_credentials', async () => {
    expect(await providerWith(() => json(400, { error: 'invalid_grant' })).provider.signInWithPassword?.({ email: 'a', password: 'b' }, NOW)).toEqual({ kind: 'rejected', code: 'invalid_grant' });
    expect(await providerWith(() => new Response(null, { status: 401 })).provider.signInWithPassword?.({ email: 'a', password: 'b' }, NOW)).toEqual({ kind: 'rejected', code: 'invalid_credentials' });
  });
});

describe('check', () => {
  const session = async (claims: Record<string, unknown> = {}, secret = SECRET): Promise<Session> => ({ accessToken: await mint(claims, secret), refreshToken: 'rt', expiresAt: NOW + 3600, user: null });
  const offline = () => {
    throw new Error('no backend call expected');
  };

  it('claims: HS256 verified locally, no call; wrong secret, issuer or audience refused', async () => {
    const { provider } = providerWith(offline);
    expect(await provider.check(await session(), { kind: 'cookie', mode: 'claims' }, NOW)).toMatchObject({ kind: 'valid', user: { id: 'user-1', email: 'ada@example.com' } });
    expect(await provider.check(await session({}, 'another-secret-that-is-long-enough-1234'), { kind: 'cookie', mode: 'claims' }, NOW)).toEqual({ kind: 'rejected', reason: 'invalid_token' });
    expect(await provider.check(await session({ iss: 'https://evil.test' }), { kind: 'cookie', mode: 'claims' }, NOW)).toEqual({ kind: 'rejected', reason: 'invalid_token' });
    expect(await provider.check(await session({ aud: 'other' }), { kind: 'cookie', mode: 'claims' }, NOW)).toEqual({ kind: 'rejected', reason: 'invalid_token' });
  });

  it('claims: the verified-token cache is keyed with the instance’s token hash (hashToken)', async () => {
    const hashed: string[] = [];
    const hashToken = (text: string): string => (hashed.push(text), `h${hashed.length}`);
    const provider = createTokenBackendProvider({ ...URLS, jwt: JWT })({ fetch: offline as typeof fetch, timeoutMs: 500, cookies: resolveCookieOptions(), hashToken });
    const token = await session();
    await provider.check(token, { kind: 'cookie', mode: 'claims' }, NOW);
    expect(hashed).toEqual([token.accessToken]);
  });

  it('user: 2xx valid, 401 revoked, 503 unavailable; a user that does not match the token is refused', async () => {
    const s = await session();
    expect(await providerWith(() => json(200, { id: 'user-1' })).provider.check(s, { kind: 'cookie', mode: 'user' }, NOW)).toMatchObject({ kind: 'valid' });
    expect(await providerWith(() => json(401, { error: 'invalid_token' })).provider.check(s, { kind: 'cookie', mode: 'user' }, NOW)).toEqual({ kind: 'rejected', reason: 'invalid_token' });
    expect(await providerWith(() => json(503, {})).provider.check(s, { kind: 'cookie', mode: 'user' }, NOW)).toEqual({ kind: 'unavailable', cause: 'server_error', status: 503 }); // the status reaches the auth.unavailable event
    expect(await providerWith(() => json(200, { id: 'user-2' })).provider.check(s, { kind: 'cookie', mode: 'user' }, NOW)).toEqual({ kind: 'rejected', reason: 'invalid_token' });
  });

  it('opaque tokens work with a user endpoint', async () => {
    const { provider } = providerWith(() => json(200, { user: { id: 'user-9' } }), { jwt: undefined });
    const opaque: Session = { accessToken: 'opaque-token', refreshToken: 'rt', expiresAt: NOW + 60, user: null };
    expect(await provider.check(opaque, { kind: 'cookie', mode: 'claims' }, NOW)).toMatchObject({ kind: 'valid', claims: { sub: 'user-9', exp: NOW + 60 } });
  });
});

describe('markRefused', () => {
  it('reads a refused token as expired, so the engine refreshes it', async () => {
    const backend = createTokenBackendProvider({ ...URLS, jwt: JWT });
    const provider = backend({ fetch: globalThis.fetch, timeoutMs: 500, cookies: resolveCookieOptions() });
    const s: Session = { accessToken: await mint(), refreshToken: 'rt', expiresAt: NOW + 3600, user: null };
    const cookies = provider.planWrite([], s, { path: '/', sameSite: 'lax', secure: true, httpOnly: false, maxAge: 10 }, NOW);
    expect(cookies[0]?.attributes.httpOnly).toBe(true);
    const jar = cookies.map(({ name, value }) => ({ name, value }));
    expect(await provider.readSession(jar, NOW)).toMatchObject({ kind: 'present', session: { expiresAt: NOW + 3600 } });
    await backend.markRefused(s);
    expect(await provider.readSession(jar, NOW)).toMatchObject({ kind: 'present', session: { expiresAt: NOW } });
  });
});

describe('configuration', () => {
  it.each([
    ['a relative loginUrl', { ...URLS, loginUrl: '/login', jwt: JWT }, 'ERR_CONFIG_URL'],
    ['no way to verify', { ...URLS, userUrl: undefined }, 'ERR_CONFIG_INVALID'],
    ['a short secret', { ...URLS, jwt: { ...JWT, secret: 'short' } }, 'ERR_CONFIG_INVALID'],
    ['a dotted cookie name', { ...URLS, jwt: JWT, cookieName: 'a.b' }, 'ERR_CONFIG_COOKIE'],
    ['an Authorization header', { ...URLS, jwt: JWT, headers: { Authorization: 'x' } }, 'ERR_CONFIG_INVALID'],
  ])('%s throws at construction', (_name, options, code) => {
    expect(() => createTokenBackendProvider(options as TokenBackendOptions)).toThrow(expect.objectContaining({ code }) as LockstepError);
  });
});
