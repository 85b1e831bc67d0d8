import { describe, expect, it } from 'vitest';
import { exchangeCode, getUser, refreshSession, signOut } from './gotrue-api.js';
import type { GoTrueContext } from './gotrue-request.js';

const NOW = 1_800_000_000;
const user = { id: '6f1c2c1e-0000-4000-8000-000000000001', email: 'ada@example.com', role: 'authenticated', aud: 'authenticated' };
const tokenBody = { access_token: 'at', token_type: 'bearer', expires_in: 3600, expires_at: NOW + 3600, refresh_token: 'rt-child', user };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

function context(respond: (request: Request) => Response | Promise<Response>, timeoutMs = 1000): GoTrueContext & { requests: Request[] } {
  const requests: Request[] = [];
  return {
    authUrl: 'https://ref.supabase.test/auth/v1',
    apiKey: 'anon-key',
    timeoutMs,
    requests,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      requests.push(request);
      return respond(request);
    },
  };
}

describe('refreshSession', () => {
  it('sends the refresh grant with the anon key and the 2024-01-01 API version', async () => {
    const ctx = context(() => json(200, tokenBody));
    const result = await refreshSession(ctx, 'rt-parent', NOW);
    expect(result).toEqual({
      kind: 'refreshed',
      session: { accessToken: 'at', refreshToken: 'rt-child', expiresAt: NOW + 3600, user: { id: user.id, email: user.email, role: 'authenticated', raw: user } },
    });
    const [request] = ctx.requests;
    expect(request?.url).toBe('https://ref.supabase.test/auth/v1/token?grant_type=refresh_token');
    expect(request?.method).toBe('POST');
    expect(request?.headers.get('apikey')).toBe('anon-key');
    expect(request?.headers.get('authorization')).toBe('Bearer anon-key');
    expect(request?.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(await request?.json()).toEqual({ refresh_token: 'rt-parent' });
  });

  // gotrue-contract §3.6: which answers sign the user out and which keep the cookies.
  it.each([
    ['refresh_token_already_used', json(400, { code: 'refresh_token_already_used', message: 'Invalid Refresh Token: Already Used' }), { kind: 'rejected', reason: 'refresh_token_already_used' }],
    ['refresh_token_not_found', json(400, { code: 'refresh_token_not_found', message: '' }), { kind: 'rejected', reason: 'refresh_token_not_found' }],
    ['session_expired via header', json(400, { message: 'x' }, { 'x-sb-error-code': 'session_expired' }), { kind: 'rejected', reason: 'session_expired' }],
    ['legacy envelope', json(400, { code: 400, error_code: 'user_banned', msg: 'x' }), { kind: 'rejected', reason: 'user_banned' }],
    ['validation_failed (malformed token)', json(400, { code: 'validation_failed', message: 'x' }), { kind: 'rejected', reason: 'invalid_grant' }],
    ['OAuth-style invalid_grant', json(400, { error: 'invalid_grant', error_description: 'x' }), { kind: 'rejected', reason: 'invalid_grant' }],
    ['409 conflict', json(409, { code: 'conflict', message: 'x' }), { kind: 'unavailable', cause: 'server_error', status: 409 }],
    ['429', json(429, { code: 'over_request_rate_limit', message: 'x' }), { kind: 'unavailable', cause: 'rate_limited', status: 429 }],
    ['500', json(500, { code: 'unexpected_failure', message: 'x' }), { kind: 'unavailable', cause: 'server_error', status: 500 }],
    ['502 HTML from a gateway', new Response('<html>Bad gateway</html>', { status: 502 }), { kind: 'unavailable', cause: 'server_error', status: 502 }],
    ['401 HTML from a gateway', new Response('<html>nope</html>', { status: 401 }), { kind: 'unavailable', cause: 'protocol', status: 401 }],
    ['200 with an unparseable body', new Response('{"access_token":', { status: 200 }), { kind: 'unavailable', cause: 'protocol', status: 200 }],
    ['200 with an error-shaped body (GHSA-8fpg-xm3f-6cx3)', json(200, { error: 'nope' }), { kind: 'unavailable', cause: 'protocol', status: 200 }],
    ['200 without expiry', json(200, { ...tokenBody, expires_at: undefined, expires_in: 0 }), { kind: 'unavailable', cause: 'protocol', status: 200 }],
  ])('%s', async (_name, response, expected) => {
    expect(await refreshSession(context(() => response), 'rt', NOW)).toEqual(expected);
  });

  it('computes expires_at from expires_in when absent, as auth-js does', async () => {
    const result = await refreshSession(context(() => json(200, { ...tokenBody, expires_at: undefined })), 'rt', NOW);
    expect(result.kind === 'refreshed' && result.session.expiresAt).toBe(NOW + 3600);
  });

  it('classifies a network failure and a timeout without hanging', async () => {
    const down = context(() => Promise.reject(new TypeError('fetch failed')));
    expect(await refreshSession(down, 'rt', NOW)).toEqual({ kind: 'unavailable', cause: 'network' });
    const hanging = context(
      (request) =>
        new Promise<Response>((_resolve, reject) => {
          request.signal.addEventListener('abort', () => reject(request.signal.reason as Error));
        }),
      50,
    );
    const started = performance.now();
    expect(await refreshSession(hanging, 'rt', NOW)).toEqual({ kind: 'unavailable', cause: 'timeout' });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('getUser', () => {
  it('sends the access token as bearer and returns the user', async () => {
    const ctx = context(() => json(200, user));
    expect(await getUser(ctx, 'access')).toMatchObject({ kind: 'ok', user: { id: user.id } });
    expect(ctx.requests[0]?.headers.get('authorization')).toBe('Bearer access');
  });

  it.each([
    ['session_not_found', 403, 'session_not_found'],
    ['user_not_found', 403, 'user_not_found'],
    ['user_banned', 403, 'user_banned'],
    ['bad_jwt', 403, 'invalid_token'],
    ['bad_jwt', 400, 'invalid_token'],
    ['validation_failed', 400, 'invalid_token'],
  ])('%s (%s) → signed out as %s', async (code, status, reason) => {
    expect(await getUser(context(() => json(status, { code, message: 'x' })), 'access')).toEqual({ kind: 'rejected', reason });
  });

  // Only a documented refusal signs out (C29): a gateway, a firewall or a proxy is not the auth server.
  it.each([
    ['a gateway\'s rotated key', 401, { message: 'Invalid API key' }],
    ['no_authorization (something dropped the header)', 401, { code: 'no_authorization', message: 'x' }],
    ['a firewall', 403, { error: 'Forbidden' }],
    ['a proxy', 404, { message: 'no Route matched with those values' }],
    ['an unknown code', 422, { code: 'something_new', message: 'x' }],
    ['a known code with another status', 404, { code: 'user_not_found', message: 'x' }],
  ])('%s (%s) → unavailable, never signed out', async (_name, status, body) => {
    expect(await getUser(context(() => json(status, body)), 'access')).toEqual({ kind: 'unavailable', cause: 'unknown_refusal', status });
  });

  it('a user without an id is a protocol failure, not a user', async () => {
    expect(await getUser(context(() => json(200, { email: 'x' })), 'access')).toEqual({ kind: 'unavailable', cause: 'protocol' });
  });
});

describe('signOut and exchangeCode', () => {
  it('treats 204 and already-signed-out answers as done, outages as unavailable', async () => {
    expect(await signOut(context(() => new Response(null, { status: 204 })), 'a', 'local')).toEqual({ kind: 'ok' });
    expect(await signOut(context(() => json(403, { code: 'session_not_found' })), 'a', 'global')).toEqual({ kind: 'ok' });
    expect(await signOut(context(() => json(503, {})), 'a', 'global')).toEqual({ kind: 'unavailable', cause: 'server_error' });
  });

  it('exchanges a PKCE code', async () => {
    const ctx = context(() => json(200, tokenBody));
    expect((await exchangeCode(ctx, 'code', 'verifier', NOW)).kind).toBe('granted');
    expect(await exchangeCode(context(() => json(400, { code: 'flow_state_not_found', message: 'x' })), 'code', 'v', NOW)).toEqual({ kind: 'rejected', code: 'flow_state_not_found' });
    expect(ctx.requests[0]?.url).toContain('grant_type=pkce');
    expect(await ctx.requests[0]?.json()).toEqual({ auth_code: 'code', code_verifier: 'verifier' });
  });
});
