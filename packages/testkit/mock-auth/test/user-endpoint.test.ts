// `GET /user` check order (spec §2.4), logout scopes and `PUT /user` (§2.5, §2.10), JWT claims (§4.1).
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMockAuth, type AccessTokenResponse, type MockAuth } from '../src/index.js';
import { ALICE, call, signInWithPassword } from './helpers.js';

let mock: MockAuth;
let session: AccessTokenResponse;

beforeEach(async () => {
  mock = await createMockAuth({ users: [ALICE] });
  mock.controls.clock.freeze();
  session = await signInWithPassword(mock, ALICE.email, ALICE.password);
});

/** An HS256 token signed with the project secret, for claims the mock would never mint. */
function hsToken(claims: Record<string, unknown>): Promise<string> {
  const iat = Math.floor(mock.controls.clock.now() / 1000);
  return new SignJWT({ aud: 'authenticated', role: 'authenticated', iat, exp: iat + 600, ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(mock.jwtSecret));
}

const getUser = (token?: string, headers?: Record<string, string>) =>
  call(mock, 'GET', '/user', { ...(token === undefined ? {} : { token }), ...(headers === undefined ? {} : { headers }) });

describe('GET /user (spec §2.4)', () => {
  it('200 with the bare user object', async () => {
    const result = await getUser(session.access_token);
    expect(result.status).toBe(200);
    expect(Object.keys(result.body).slice(0, 5)).toEqual(['id', 'aud', 'role', 'email', 'email_confirmed_at']);
    expect(result.body).toMatchObject({ email: ALICE.email, is_anonymous: false, app_metadata: { provider: 'email', providers: ['email'] } });
    expect(result.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it('1: 401 no_authorization without a bearer token', async () => {
    const result = await call(mock, 'GET', '/user', { headers: { Authorization: 'Basic x' } });
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ code: 'no_authorization', message: 'This endpoint requires a valid Bearer token' });
  });

  it('2: 403 bad_jwt for a bad signature and for an expired token', async () => {
    const tampered = `${session.access_token.slice(0, -4)}AAAA`;
    expect((await getUser(tampered)).body.code).toBe('bad_jwt');
    mock.controls.clock.advance(3601);
    const expired = await getUser(session.access_token);
    expect(expired.status).toBe(403);
    expect(expired.body).toEqual({
      code: 'bad_jwt',
      message: 'invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired',
    });
  });

  it('3: 403 missing sub (the anon key); 400 sub not a UUID', async () => {
    expect(await getUser(mock.anonKey)).toMatchObject({ status: 403, body: { code: 'bad_jwt', message: 'invalid claim: missing sub claim' } });
    const notUuid = await getUser(await hsToken({ sub: 'not-a-uuid' }));
    expect(notUuid).toMatchObject({ status: 400, body: { code: 'bad_jwt', message: 'invalid claim: sub claim must be a UUID' } });
  });

  it('4: 403 user_not_found after the user is deleted (checked before the session)', async () => {
    mock.controls.deleteUser(ALICE.email);
    expect(await getUser(session.access_token)).toMatchObject({
      status: 403,
      body: { code: 'user_not_found', message: 'User from sub claim in JWT does not exist' },
    });
  });

  it('5: 403 bad_jwt for a malformed session_id; 403 session_not_found once the session is gone', async () => {
    const sub = decodeJwt(session.access_token).sub;
    expect((await getUser(await hsToken({ sub, session_id: 'nope' }))).body.code).toBe('bad_jwt');
    mock.controls.revokeSession(decodeJwt(session.access_token).session_id as string);
    expect(await getUser(session.access_token)).toMatchObject({
      status: 403,
      body: { code: 'session_not_found', message: 'Session from session_id claim in JWT does not exist' },
    });
  });

  it('6: 403 user_banned', async () => {
    mock.controls.banUser(ALICE.email, mock.controls.clock.now() + 60_000);
    expect(await getUser(session.access_token)).toMatchObject({ status: 403, body: { code: 'user_banned' } });
  });

  it('7: 400 validation_failed when X-JWT-AUD differs from the token audience', async () => {
    const result = await getUser(session.access_token, { 'X-JWT-AUD': 'other' });
    expect(result).toMatchObject({ status: 400, body: { code: 'validation_failed', message: "Token audience doesn't match request audience" } });
  });
});

describe('logout and password change', () => {
  it('rejects an unknown scope and answers 204 otherwise', async () => {
    const bad = await call(mock, 'POST', '/logout?scope=everyone', { token: session.access_token });
    expect(bad.body).toEqual({ code: 'validation_failed', message: 'Unsupported logout scope "everyone"' });
    const ok = await call(mock, 'POST', '/logout?scope=local', { token: session.access_token });
    expect(ok.status).toBe(204);
    expect((await call(mock, 'POST', '/logout', { token: session.access_token })).body.code).toBe('session_not_found');
  });

  it('PUT /user with a new password deletes every other session', async () => {
    const other = await signInWithPassword(mock, ALICE.email, ALICE.password);
    const result = await call(mock, 'PUT', '/user', { token: session.access_token, body: { password: 'changed-password', data: { a: 1 } } });
    expect(result.body.user_metadata).toMatchObject({ a: 1 });
    expect(mock.controls.sessions(ALICE.email).map((s) => s.id)).toEqual([decodeJwt(session.access_token).session_id]);
    expect((await getUser(other.access_token)).body.code).toBe('session_not_found');
  });
});

describe('access token and JWKS (spec §4, §2.9)', () => {
  it('carries exactly the claims of §4.1, in order, with an ES256 kid header', async () => {
    expect(decodeProtectedHeader(session.access_token)).toEqual({ alg: 'ES256', typ: 'JWT', kid: mock.jwks.keys[0]?.kid });
    const claims = decodeJwt(session.access_token);
    expect(Object.keys(claims)).toEqual([
      'iss', 'sub', 'aud', 'exp', 'iat', 'email', 'phone', 'app_metadata', 'user_metadata', 'role', 'aal', 'amr', 'session_id', 'is_anonymous',
    ]);
    const now = Math.floor(mock.controls.clock.now() / 1000);
    expect(claims).toMatchObject({
      iss: `${mock.url}/auth/v1`,
      aud: 'authenticated',
      iat: now,
      exp: now + 3600,
      phone: '',
      role: 'authenticated',
      aal: 'aal1',
      amr: [{ method: 'password', timestamp: now }],
      is_anonymous: false,
    });
    expect(session.expires_in).toBe(3600);
  });

  it('serves public keys only, cacheable, never ext:false; HS256 projects publish none', async () => {
    const result = await call(mock, 'GET', '/.well-known/jwks.json');
    expect(result.headers.get('cache-control')).toBe('public, max-age=600');
    const [key] = result.body.keys as Record<string, unknown>[];
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', key_ops: ['verify'] });
    expect(key).not.toHaveProperty('d');
    expect(key).not.toHaveProperty('ext');
    const hs = await createMockAuth({ jwtAlgorithm: 'HS256' });
    expect((await call(hs, 'GET', '/.well-known/jwks.json')).body).toEqual({ keys: [] });
  });

  it('uses the token lifetime set through the controls', async () => {
    mock.controls.setTokenLifetime(120);
    const short = await signInWithPassword(mock, ALICE.email, ALICE.password);
    expect(short.expires_in).toBe(120);
  });
});

describe('CORS (spec §1.3)', () => {
  it('answers preflights and exposes X-Supabase-Api-Version', async () => {
    const preflight = await mock.handle(
      new Request(`${mock.url}/auth/v1/token?grant_type=refresh_token`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:3000' } }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/apikey/);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/X-Supabase-Api-Version/);
    const result = await call(mock, 'GET', '/health', { headers: { Origin: 'http://localhost:3000' } });
    expect(result.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(result.headers.get('access-control-allow-credentials')).toBe('true');
    expect(result.headers.get('access-control-expose-headers')).toContain('X-Supabase-Api-Version');
  });
});
