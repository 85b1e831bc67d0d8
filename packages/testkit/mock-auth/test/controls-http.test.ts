// The test controls over HTTP (`/__mock`), the clock, and the CLI argument parser.
import { describe, expect, it } from 'vitest';
import { parseCli } from '../src/cli-args.js';
import { createControllableClock } from '../src/clock.js';
import { createMockAuth, MockAuthConfigError, startMockAuth } from '../src/index.js';
import { ALICE, refresh, signInWithPassword } from './helpers.js';

describe('/__mock controls', () => {
  it('drive the clock, settings, faults, counters, inspection and reset over real HTTP', async () => {
    const mock = await startMockAuth({ users: [ALICE] });
    try {
      const control = async (method: string, path: string, body?: unknown) => {
        const response = await fetch(`${mock.url}/__mock${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      await control('POST', '/clock/freeze');
      const before = mock.controls.clock.now();
      expect((await control('POST', '/clock/advance', { seconds: 30 })).body).toEqual({ now: before + 30_000, frozen: true });
      expect((await control('PATCH', '/settings', { reuseIntervalSeconds: 0 })).body.reuseIntervalSeconds).toBe(0);
      expect((await control('POST', '/faults', { endpoint: 'token:password', fault: { kind: 'rate-limit' }, times: 1 })).status).toBe(200);
      expect((await control('POST', '/faults', { endpoint: 'nope', fault: { kind: 'drop' } })).status).toBe(400);
      expect((await control('POST', '/faults', { endpoint: 'user', fault: { kind: 'status', status: 418 } })).status).toBe(400);

      const limited = await fetch(`${mock.url}/auth/v1/token?grant_type=password`, { method: 'POST', body: JSON.stringify(ALICE) });
      expect(limited.status).toBe(429);
      const issued = (await control('POST', `/users/${ALICE.email}/sessions`)).body;
      expect(typeof issued.refresh_token).toBe('string');
      expect((await control('GET', '/calls')).body).toEqual({ 'token:password': 1 });
      const sessions = (await control('GET', `/users/${ALICE.email}/sessions`)).body as unknown as { id: string }[];
      expect(sessions).toHaveLength(1);
      const token = (await control('GET', `/refresh-tokens/${String(issued.refresh_token)}`)).body;
      expect(token).toMatchObject({ revoked: false, active: true, parent: null });
      expect((await control('DELETE', `/sessions/${sessions[0]?.id ?? ''}`)).status).toBe(200);
      expect((await control('GET', `/sessions/${sessions[0]?.id ?? ''}`)).status).toBe(404);

      expect((await control('POST', '/users', { email: 'carol@example.com', password: 'carol-password' })).body.email).toBe('carol@example.com');
      expect((await control('POST', '/reset')).status).toBe(200);
      expect(mock.controls.findUser('carol@example.com')).toBeUndefined();
      expect(mock.controls.findUser(ALICE.email)).toBeDefined();
      expect(mock.controls.clock.isFrozen()).toBe(false);
      expect(mock.controls.settings().reuseIntervalSeconds).toBe(10);
      expect(mock.controls.calls()).toEqual({});
    } finally {
      await mock.stop();
    }
  });

  it('sign a user out and expose OTPs', async () => {
    const mock = await createMockAuth({ users: [ALICE] });
    const session = await signInWithPassword(mock, ALICE.email, ALICE.password);
    const response = await mock.handle(new Request(`${mock.url}/__mock/users/${ALICE.email}/sign-out`, { method: 'POST' }));
    expect(await response.json()).toEqual({ deleted: 1 });
    expect((await refresh(mock, session.refresh_token)).body.code).toBe('refresh_token_not_found');
    expect(mock.controls.calls('token:refresh_token')).toBe(1);
  });
});

describe('controllable clock', () => {
  it('follows real time with an offset, freezes and unfreezes without jumping', () => {
    let real = 1_000_000;
    const clock = createControllableClock(() => real);
    clock.advance(5);
    expect(clock.now()).toBe(1_005_000);
    clock.freeze();
    real += 60_000;
    expect(clock.now()).toBe(1_005_000);
    clock.advance(1);
    clock.unfreeze();
    expect(clock.now()).toBe(1_006_000);
    real += 1000;
    expect(clock.now()).toBe(1_007_000);
    expect(() => clock.advance(Number.NaN)).toThrow(TypeError);
  });
});

describe('CLI arguments', () => {
  it('reads flags over env and defaults the port to 54321', () => {
    expect(parseCli([], {})).toMatchObject({ kind: 'start', options: { port: 54321, autoconfirm: true, users: [] } });
    const command = parseCli(['--port', '0', '--user', 'a@example.com:secret-1', '--no-autoconfirm'], {
      MOCK_AUTH_PORT: '9999',
      MOCK_AUTH_TOKEN_LIFETIME: '60',
      MOCK_AUTH_JWT_ALGORITHM: 'HS256',
    });
    expect(command).toMatchObject({
      kind: 'start',
      options: { port: 0, tokenLifetimeSeconds: 60, jwtAlgorithm: 'HS256', autoconfirm: false, users: [{ email: 'a@example.com', password: 'secret-1' }] },
    });
    expect(parseCli([], { MOCK_AUTH_USERS: 'a@example.com:p1,b@example.com:p2' })).toMatchObject({
      options: { users: [{ email: 'a@example.com' }, { email: 'b@example.com' }] },
    });
    expect(parseCli(['--help'], {})).toEqual({ kind: 'help' });
  });

  it('rejects bad input with a config error', () => {
    expect(() => parseCli(['--port', 'x'], {})).toThrow(MockAuthConfigError);
    expect(() => parseCli(['--jwt-algorithm', 'PS256'], {})).toThrow(MockAuthConfigError);
    expect(() => parseCli(['--bogus'], {})).toThrow(MockAuthConfigError);
    expect(() => parseCli(['--user', 'nopassword'], {})).toThrow(MockAuthConfigError);
  });

  it('invalid options fail at construction', async () => {
    await expect(createMockAuth({ tokenLifetimeSeconds: 0 })).rejects.toThrow(MockAuthConfigError);
    await expect(createMockAuth({ jwtSecret: 'short' })).rejects.toThrow(MockAuthConfigError);
  });
});
