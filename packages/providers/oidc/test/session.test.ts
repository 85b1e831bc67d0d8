// A signed-in session over time: refresh once under concurrency, refusal vs outage, tampering, claims checks, sign-out.
import { describe, expect, it } from 'vitest';
import { createMockOidc } from '@lockstep/mock-oidc';
import { encodeSessionValue } from '../src/session-cookie.js';
import { CookieJar, createHarness, EMAIL, signIn } from './harness.js';

const sessionCookies = (setCookie: readonly string[]) => setCookie.filter((cookie) => /^lockstep-oidc(\.\d+)?=/.test(cookie));

describe('refresh', () => {
  it('50 concurrent requests with an expired session cause one refresh; all continue with the same new cookies', async () => {
    const harness = await createHarness();
    const jar = await signIn(harness);
    const before = jar.get('lockstep-oidc');
    harness.mock.clock.advance(3601);
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => harness.lockstep.handle(jar.request('/dashboard'))));
    expect(harness.mock.controls.refreshCalls()).toBe(1);
    const written = new Set(outcomes.map((outcome) => JSON.stringify(sessionCookies(outcome.cookies.setCookie))));
    expect(written.size).toBe(1);
    for (const outcome of outcomes) {
      expect(outcome.kind === 'continue' && outcome.auth.kind === 'authenticated' && outcome.auth.refreshed).toBe(true);
    }
    jar.apply(outcomes[0]?.cookies.setCookie ?? []);
    expect(jar.get('lockstep-oidc')).not.toBe(before);
    expect(harness.events.filter((event) => event.type === 'session.refreshed')).toHaveLength(1);

    // A late request with the spent refresh token gets the successor without a call.
    const late = new CookieJar();
    late.set('lockstep-oidc', before ?? '');
    const replay = await harness.lockstep.handle(late.request('/dashboard'));
    expect(replay.kind === 'continue' && replay.auth.kind === 'authenticated').toBe(true);
    expect(harness.mock.controls.refreshCalls()).toBe(1);

    // The refreshed session still carries the ID token for RP-initiated logout.
    const url = await harness.provider.endSessionUrl(jar.request('/logout'), { now: harness.now() });
    expect(new URL(url ?? 'http://x').searchParams.get('id_token_hint')).toMatch(/^eyJ/);
  });

  it('a final refusal (invalid_grant: the session was ended elsewhere) clears the cookies: page → login, API → 401', async () => {
    const harness = await createHarness();
    const jar = await signIn(harness);
    harness.mock.controls.revokeUser(EMAIL);
    harness.mock.clock.advance(3601);
    const page = await harness.lockstep.handle(jar.request('/dashboard'));
    expect(page.kind).toBe('redirect');
    expect(sessionCookies(page.cookies.setCookie).every((cookie) => /Max-Age=0/.test(cookie))).toBe(true);
    expect(sessionCookies(page.cookies.setCookie).length).toBeGreaterThan(0);
    const api = await harness.lockstep.handle(jar.request('/api/me', { headers: { accept: 'application/json' } }));
    expect(api.kind === 'respond' && api.status).toBe(401);
    expect(harness.events).toContainEqual(expect.objectContaining({ type: 'session.signed_out', reason: 'invalid_grant' }));
  });

  it('outages never sign out: 5xx, 429, dropped connection, timeout, HTML, a gateway 401 and a foreign 403 keep the cookies (503)', async () => {
    const faults = [
      { kind: 'status', status: 503 },
      { kind: 'rate-limit' },
      { kind: 'drop' },
      { kind: 'hang' },
      { kind: 'html' },
      { kind: 'answer', status: 401, body: { message: 'Invalid API key' } },
      { kind: 'answer', status: 403, body: { error: 'access_denied' } },
      { kind: 'answer', status: 400, body: { error: 'invalid_client' } },
      { kind: 'answer', status: 404 },
    ] as const;
    for (const fault of faults) {
      const harness = await createHarness({ authTimeoutMs: 400 });
      const jar = await signIn(harness);
      harness.mock.clock.advance(3601);
      harness.mock.controls.fail('token:refresh_token', fault);
      const page = await harness.lockstep.handle(jar.request('/dashboard'));
      expect(page.kind === 'respond' && page.status, `fault ${JSON.stringify(fault)}`).toBe(503);
      expect(page.cookies.setCookie, `fault ${JSON.stringify(fault)}`).toEqual([]);
      expect(harness.events.some((event) => event.type === 'session.signed_out'), `fault ${JSON.stringify(fault)}`).toBe(false);
      expect(harness.mock.controls.refreshTokenState(decodeRefreshToken(jar))).toBe('active');
      // After the outage the same cookies work again.
      harness.mock.controls.clearFaults();
      const after = await harness.lockstep.handle(jar.request('/dashboard'));
      expect(after.kind === 'continue' && after.auth.kind === 'authenticated', `recovery after ${JSON.stringify(fault)}`).toBe(true);
    }
  });

  it('an outage while the access token still works carries the request on the current token, writing nothing', async () => {
    const harness = await createHarness();
    const jar = await signIn(harness);
    harness.mock.clock.advance(3600 - 60); // inside the refresh margin, not expired
    harness.mock.controls.fail('token:refresh_token', { kind: 'status', status: 500 });
    const page = await harness.lockstep.handle(jar.request('/dashboard'));
    expect(page.kind === 'continue' && page.auth.kind === 'authenticated' && !page.auth.refreshed).toBe(true);
    expect(page.cookies.setCookie).toEqual([]);
  });
});

describe('verification', () => {
  it('cookie tampering is anonymous and cleared: flipped bytes, a missing chunk, a forged access token', async () => {
    const harness = await createHarness();
    const jar = await signIn(harness);
    const value = jar.get('lockstep-oidc') ?? '';
    const flipped = new CookieJar();
    flipped.set('lockstep-oidc', value.slice(0, 20) + (value[20] === 'A' ? 'B' : 'A') + value.slice(21));
    const page = await harness.lockstep.handle(flipped.request('/'));
    expect(page.kind === 'continue' && page.auth.kind).toBe('anonymous');
    expect(page.cookies.setCookie.some((cookie) => /^lockstep-oidc=;/.test(cookie))).toBe(true);

    const chunked = new CookieJar();
    chunked.set('lockstep-oidc.1', value);
    const missing = await harness.lockstep.handle(chunked.request('/'));
    expect(missing.kind === 'continue' && missing.auth.kind === 'anonymous' && missing.auth.reason).toBe('malformed_cookie');

    // A well-formed cookie around a token of another issuer's key: never authenticated, cleared.
    const other = await createMockOidc({ users: [{ email: EMAIL }], startTime: 1_800_000_000_000 });
    const foreign = await other.controls.issueTokens(EMAIL);
    const forged = new CookieJar();
    forged.set('lockstep-oidc', encodeSessionValue({ accessToken: foreign.access_token, refreshToken: foreign.refresh_token, expiresAt: harness.now() + 3600, user: null }));
    const forgedPage = await harness.lockstep.handle(forged.request('/dashboard'));
    expect(forgedPage.kind).toBe('redirect');
    expect(forgedPage.cookies.setCookie.some((cookie) => /^lockstep-oidc=;/.test(cookie))).toBe(true);
  });

  it('userinfo: only a 401 invalid_token is final; a 403 insufficient_scope, a bodyless gateway 401 or a 5xx keep the session', async () => {
    const keep = [
      { kind: 'answer', status: 403, body: { error: 'insufficient_scope' } },
      { kind: 'answer', status: 401 },
      { kind: 'answer', status: 400, body: { error: 'invalid_token' } },
      { kind: 'status', status: 502 },
    ] as const;
    for (const fault of keep) {
      const harness = await createHarness();
      const jar = await signIn(harness);
      harness.mock.controls.fail('userinfo', fault, { times: 1 });
      const admin = await harness.lockstep.handle(jar.request('/admin/users'));
      expect(admin.kind === 'respond' && admin.status, JSON.stringify(fault)).toBe(503);
      expect(admin.cookies.setCookie, JSON.stringify(fault)).toEqual([]);
    }
    const harness = await createHarness();
    const jar = await signIn(harness);
    harness.mock.controls.fail('userinfo', { kind: 'answer', status: 401, body: { error: 'invalid_token' } }, { times: 1 });
    const admin = await harness.lockstep.handle(jar.request('/admin/users'));
    expect(admin.kind).toBe('redirect');
    expect(harness.events).toContainEqual(expect.objectContaining({ type: 'session.signed_out', reason: 'invalid_token' }));
  });

  it('a signing-key rotation inside the JWKS cooldown signs nobody out: the new kid is checked at userinfo, once', async () => {
    const harness = await createHarness();
    const jar = await signIn(harness);
    expect((await harness.lockstep.handle(jar.request('/dashboard'))).kind).toBe('continue');
    await harness.mock.controls.rotateSigningKey();
    harness.mock.clock.advance(3601);
    const outcomes = [];
    for (let request = 0; request < 3; request++) {
      const outcome = await harness.lockstep.handle(jar.request('/dashboard'));
      jar.apply(outcome.cookies.setCookie);
      outcomes.push(outcome);
    }
    expect(outcomes.every((outcome) => outcome.kind === 'continue' && outcome.auth.kind === 'authenticated')).toBe(true);
    expect(harness.mock.controls.calls('userinfo'), 'remembered after the first check').toBe(1);
    expect(harness.events.some((event) => event.type === 'session.signed_out')).toBe(false);
  });

  it('checks the audience: a provider expecting another API refuses the client-audience token', async () => {
    const harness = await createHarness({ provider: { audience: 'https://api.example.com' } });
    const jar = await signIn(harness);
    const page = await harness.lockstep.handle(jar.request('/dashboard'));
    expect(page.kind).toBe('redirect');
    expect(harness.events).toContainEqual(expect.objectContaining({ type: 'session.signed_out', reason: 'invalid_token' }));
  });

  it('accessTokens: "userinfo" checks at the userinfo endpoint within the budget and remembers the answer', async () => {
    const harness = await createHarness({ provider: { accessTokens: 'userinfo' } });
    const jar = await signIn(harness);
    for (let request = 0; request < 3; request++) {
      const page = await harness.lockstep.handle(jar.request('/dashboard'));
      expect(page.kind === 'continue' && page.auth.kind === 'authenticated' && page.auth.user.email).toBe(EMAIL);
    }
    expect(harness.mock.controls.calls('userinfo')).toBe(1);
  });

  it('the session mode decodes without a call; a large session is chunked and read back', async () => {
    const harness = await createHarness({ mock: { users: [{ email: EMAIL, name: 'A'.repeat(3000) }] } });
    const jar = await signIn(harness);
    expect(jar.names()).toEqual(expect.arrayContaining(['lockstep-oidc.0', 'lockstep-oidc.1']));
    harness.mock.controls.resetCounters();
    const peek = await harness.lockstep.handle(jar.request('/peek'));
    expect(peek.kind === 'continue' && peek.auth.kind === 'authenticated' && peek.auth.verifiedBy).toBe('session');
    expect(harness.mock.controls.calls('jwks') + harness.mock.controls.calls('userinfo')).toBe(0);
  });
});

describe('sign-out', () => {
  it('revokes the refresh token (RFC 7009), clears the cookies, and the RP-initiated logout URL ends the provider session', async () => {
    const harness = await createHarness();
    const jar = await signIn(harness);
    const refreshToken = decodeRefreshToken(jar);
    const logoutUrl = await harness.provider.endSessionUrl(jar.request('/logout'), { state: 'bye', now: harness.now() });
    const url = new URL(logoutUrl ?? 'http://x');
    expect(url.origin + url.pathname).toBe(`${harness.mock.issuer}/logout`);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe('http://app.test/');
    expect(url.searchParams.get('client_id')).toBe(harness.mock.clientId);

    const result = await harness.lockstep.signOut(jar.request('/logout', { method: 'POST', headers: { origin: 'http://app.test' } }));
    expect(harness.events.filter((event) => event.type === 'auth.unavailable')).toEqual([]);
    expect(result.kind === 'signed_out' && result.upstream).toBe('ok');
    expect(harness.mock.controls.calls('revocation')).toBe(1);
    expect(harness.mock.controls.refreshTokenState(refreshToken)).toBe('revoked');
    expect(result.outcome.cookies.setCookie.some((cookie) => /^lockstep-oidc=;/.test(cookie))).toBe(true);

    const idp = await harness.mock.fetch(url, { redirect: 'manual' });
    expect(idp.status).toBe(302);
    expect(idp.headers.get('location')).toBe('http://app.test/?state=bye');
  });

  it('clears the cookies when the provider is down, reporting it; a stray flow cookie goes too', async () => {
    const harness = await createHarness();
    const jar = await signIn(harness);
    jar.set('lockstep-oidc-flow', 'f1.left-over');
    harness.mock.controls.fail('revocation', { kind: 'status', status: 503 });
    const result = await harness.lockstep.signOut(jar.request('/logout', { method: 'POST', headers: { origin: 'http://app.test' } }));
    expect(result.kind === 'signed_out' && result.upstream).toBe('unavailable');
    const cleared = result.outcome.cookies.setCookie;
    expect(cleared.some((cookie) => /^lockstep-oidc=;/.test(cookie))).toBe(true);
    expect(cleared.some((cookie) => /^lockstep-oidc-flow=;/.test(cookie))).toBe(true);
  });

  it('has no password sign-in: the instance has no such operation (a type error, not a runtime throw)', async () => {
    const harness = await createHarness();
    // @ts-expect-error — an instance on the OIDC provider has no password sign-in.
    const operation: unknown = harness.lockstep.signInWithPassword;
    expect(operation).toBeUndefined();
    expect(typeof harness.lockstep.exchangeCode).toBe('function');
  });
});

function decodeRefreshToken(jar: CookieJar): string {
  const value = jar.get('lockstep-oidc') ?? [jar.get('lockstep-oidc.0'), jar.get('lockstep-oidc.1')].join('');
  const json = JSON.parse(Buffer.from(value.slice(3), 'base64url').toString('utf8')) as { rt: string };
  return json.rt;
}
