// The refresh error table of spec §3.6 and the error envelopes of §1.4.
import { beforeEach, describe, expect, it } from 'vitest';
import { createMockAuth, type MockAuth } from '../src/index.js';
import { ALICE, call, refresh, refreshOk, signInWithPassword } from './helpers.js';

let mock: MockAuth;

beforeEach(async () => {
  mock = await createMockAuth({ users: [ALICE] });
  mock.controls.clock.freeze();
});

describe('refresh error table (spec §3.6)', () => {
  it.each([
    ['an empty token', ''],
    ['a short token', 'abc'],
    ['a 12-character token with upper case', 'ABCDEFGHIJKL'],
    ['a long token that is not v2', 'a'.repeat(60)],
  ])('400 validation_failed for %s', async (_name, token) => {
    const result = await refresh(mock, token);
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ code: 'validation_failed', message: 'Refresh token is not valid' });
  });

  it('400 refresh_token_not_found for an unknown token', async () => {
    const result = await refresh(mock, 'abcdefghijkl');
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ code: 'refresh_token_not_found', message: 'Invalid Refresh Token: Refresh Token Not Found' });
  });

  it('400 refresh_token_already_used for reuse outside the rules', async () => {
    const { refresh_token: rt0 } = await signInWithPassword(mock, ALICE.email, ALICE.password);
    await refreshOk(mock, await refreshOk(mock, rt0));
    mock.controls.clock.advance(11);
    expect((await refresh(mock, rt0)).body).toEqual({ code: 'refresh_token_already_used', message: 'Invalid Refresh Token: Already Used' });
  });

  it('400 session_expired past the timebox and after inactivity', async () => {
    const a = await signInWithPassword(mock, ALICE.email, ALICE.password);
    mock.controls.updateSettings({ sessionTimeboxSeconds: 60 });
    mock.controls.clock.advance(61);
    expect((await refresh(mock, a.refresh_token)).body).toEqual({ code: 'session_expired', message: 'Invalid Refresh Token: Session Expired' });

    mock.controls.updateSettings({ sessionTimeboxSeconds: null, inactivityTimeoutSeconds: 30 });
    const b = await signInWithPassword(mock, ALICE.email, ALICE.password);
    mock.controls.clock.advance(20);
    const rt1 = await refreshOk(mock, b.refresh_token);
    mock.controls.clock.advance(31);
    expect((await refresh(mock, rt1)).body).toEqual({
      code: 'session_expired',
      message: 'Invalid Refresh Token: Session Expired (Inactivity)',
    });
  });

  it('400 user_banned for a banned user', async () => {
    const { refresh_token } = await signInWithPassword(mock, ALICE.email, ALICE.password);
    mock.controls.banUser(ALICE.email, mock.controls.clock.now() + 3_600_000);
    expect((await refresh(mock, refresh_token)).body).toEqual({ code: 'user_banned', message: 'Invalid Refresh Token: User Banned' });
  });

  it('429 over_request_rate_limit and 5xx from injected faults, then normal service', async () => {
    const { refresh_token } = await signInWithPassword(mock, ALICE.email, ALICE.password);
    mock.controls.fail('token:refresh_token', { kind: 'rate-limit' }, { times: 1 });
    mock.controls.fail('token:refresh_token', { kind: 'status', status: 500 }, { times: 1 });
    const limited = await refresh(mock, refresh_token);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ code: 'over_request_rate_limit', message: 'Request rate limit reached' });
    const failed = await refresh(mock, refresh_token);
    expect(failed.status).toBe(500);
    expect(failed.body.code).toBe('unexpected_failure');
    expect((await refresh(mock, refresh_token)).status).toBe(200);
    expect(mock.controls.calls('token:refresh_token')).toBe(3);
  });

  it('a delay fault holds the response for the given real time', async () => {
    const { refresh_token } = await signInWithPassword(mock, ALICE.email, ALICE.password);
    mock.controls.fail('token:refresh_token', { kind: 'delay', ms: 150 }, { times: 1 });
    const started = performance.now();
    expect((await refresh(mock, refresh_token)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('a drop fault rejects the in-process fetch like a network failure', async () => {
    mock.controls.fail('health', { kind: 'drop' }, { times: 1 });
    await expect(mock.fetch(`${mock.url}/auth/v1/health`)).rejects.toThrow(TypeError);
    expect((await mock.fetch(`${mock.url}/auth/v1/health`)).status).toBe(200);
  });
});

describe('lost responses and the gateway', () => {
  it('drop afterHandler rotates on the server but loses the answer; the replay gets the same child (L1)', async () => {
    const { refresh_token: rt0 } = await signInWithPassword(mock, ALICE.email, ALICE.password);
    mock.controls.fail('token:refresh_token', { kind: 'drop', afterHandler: true }, { times: 1 });
    const init = { method: 'POST', body: JSON.stringify({ refresh_token: rt0 }) };
    await expect(mock.fetch(`${mock.url}/auth/v1/token?grant_type=refresh_token`, init)).rejects.toThrow(TypeError);
    expect(mock.controls.refreshToken(rt0)?.revoked).toBe(true);
    const replay = await refresh(mock, rt0);
    expect(replay.status).toBe(200);
    expect(mock.controls.refreshToken(replay.body.refresh_token as string)).toMatchObject({ parent: rt0, active: true });
  });

  it('requireApiKey answers 401 without a code when apikey is missing', async () => {
    const gated = await createMockAuth({ requireApiKey: true });
    const response = await gated.handle(new Request(`${gated.url}/auth/v1/health`));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'No API key found in request' });
    expect((await call(gated, 'GET', '/health')).status).toBe(200);
  });
});

describe('error envelopes (spec §1.4)', () => {
  it('2024-01-01: {code, message}, echoes the version header and sets x-sb-error-code', async () => {
    const result = await refresh(mock, 'abcdefghijkl');
    expect(result.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(result.headers.get('x-sb-error-code')).toBe('refresh_token_not_found');
  });

  it('legacy without the header: {code: status, error_code, msg}', async () => {
    const result = await call(mock, 'POST', '/token?grant_type=refresh_token', { body: { refresh_token: 'abcdefghijkl' }, apiVersion: false });
    expect(result.body).toEqual({ code: 400, error_code: 'refresh_token_not_found', msg: 'Invalid Refresh Token: Refresh Token Not Found' });
    expect(result.headers.get('x-supabase-api-version')).toBeNull();
    expect(result.headers.get('x-sb-error-code')).toBe('refresh_token_not_found');
  });

  it('legacy 5xx carries error_id; an earlier version date selects legacy', async () => {
    mock.controls.fail('health', { kind: 'status', status: 502 });
    const result = await call(mock, 'GET', '/health', { apiVersion: false, headers: { 'X-Supabase-Api-Version': '2023-05-01' } });
    expect(result.status).toBe(502);
    expect(result.body).toMatchObject({ code: 502, msg: expect.any(String), error_id: expect.any(String) });
  });

  it('weak_password carries its reasons in both envelopes', async () => {
    const modern = await call(mock, 'POST', '/signup', { body: { email: 'w@example.com', password: '123' } });
    expect(modern.status).toBe(422);
    expect(modern.body).toMatchObject({ code: 'weak_password', weak_password: { reasons: ['length'] } });
    const legacy = await call(mock, 'POST', '/signup', { body: { email: 'w@example.com', password: '123' }, apiVersion: false });
    expect(legacy.body).toMatchObject({ code: 422, error_code: 'weak_password', weak_password: { reasons: ['length'] } });
  });

  it('400 bad_json for a body that is not JSON; unknown grant types are invalid_credentials', async () => {
    expect((await call(mock, 'POST', '/token?grant_type=password', { body: '{nope' })).body.code).toBe('bad_json');
    expect((await call(mock, 'POST', '/token?grant_type=magic', { body: {} })).body).toEqual({
      code: 'invalid_credentials',
      message: 'unsupported_grant_type',
    });
  });
});
