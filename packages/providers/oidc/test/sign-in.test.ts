// Sign-in through the authorization redirect and the callback, end to end with createLockstep and the mock provider.
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { encodeFlow, readFlow } from '../src/flow-cookie.js';
import { authorizeAt, CookieJar, createHarness, EMAIL, signIn } from './harness.js';

describe('starting a sign-in', () => {
  it('redirects to the authorization endpoint with code + PKCE S256, state, nonce and the scopes; the flow cookie is HttpOnly, Lax, short-lived', async () => {
    const harness = await createHarness({ provider: { authorizationParams: { audience: 'https://api.example.com' } } });
    const start = await harness.provider.startSignIn(new Request('https://app.example.com/login'), { now: harness.now() });
    if (start.kind !== 'redirect') throw new Error('expected a redirect');
    const url = new URL(start.location);
    expect(url.origin + url.pathname).toBe(`${harness.mock.issuer}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: harness.mock.clientId,
      redirect_uri: 'https://app.example.com/auth/callback',
      scope: 'openid profile email offline_access',
      code_challenge_method: 'S256',
      audience: 'https://api.example.com',
    });
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(start.response.status).toBe(302);
    expect(start.response.headers.get('location')).toBe(start.location);
    expect(start.response.headers.get('cache-control')).toContain('no-store');
    const [cookie = ''] = start.setCookie;
    expect(cookie).toMatch(/^lockstep-oidc-flow=f1\.[A-Za-z0-9_-]+;/);
    const attributes = cookie.split(/;\s*/).slice(1).map((attribute) => attribute.toLowerCase());
    expect(attributes.sort()).toEqual(['httponly', 'max-age=600', 'path=/', 'samesite=lax', 'secure']);
    const flow = readFlow([{ name: 'lockstep-oidc-flow', value: cookie.split(';')[0]?.split('=')[1] ?? '' }], 'lockstep-oidc-flow');
    expect(flow.kind === 'present' && flow.flow.state === url.searchParams.get('state') && flow.flow.redirectUri === 'https://app.example.com/auth/callback').toBe(true);
    // Two starts never share a secret.
    const again = await harness.provider.startSignIn(new Request('https://app.example.com/login'), { now: harness.now() });
    expect(again.kind === 'redirect' && new URL(again.location).searchParams.get('state')).not.toBe(url.searchParams.get('state'));
  });

  it('omits Secure on http://localhost, uses an absolute redirect URI as configured, and answers 503 while discovery fails (nothing stored)', async () => {
    const harness = await createHarness();
    const local = await harness.provider.startSignIn(new Request('http://localhost:3000/login', { method: 'POST' }), { now: harness.now() });
    if (local.kind !== 'redirect') throw new Error('expected a redirect');
    expect(local.setCookie[0]).not.toContain('Secure');
    expect(local.response.status, 'a POST start is answered with 303').toBe(303);
    expect(new URL(local.location).searchParams.get('redirect_uri')).toBe('http://localhost:3000/auth/callback');
    const absolute = await createHarness({ provider: { redirectUri: 'https://app.example.com/auth/callback' } });
    const behindProxy = await absolute.provider.startSignIn(new Request('http://10.0.0.5:8080/login'), { now: absolute.now() });
    expect(behindProxy.kind === 'redirect' && new URL(behindProxy.location).searchParams.get('redirect_uri')).toBe('https://app.example.com/auth/callback');

    const down = await createHarness();
    down.mock.controls.fail('discovery', { kind: 'status', status: 503 });
    const start = await down.provider.startSignIn(new Request('https://app.example.com/login'), { now: down.now() });
    expect(start.kind).toBe('unavailable');
    expect(start.response.status).toBe(503);
    expect(start.response.headers.getSetCookie()).toEqual([]);
  });

  it('refuses to start before a Lockstep instance exists', async () => {
    const { oidc } = await import('../src/index.js');
    const provider = oidc({ issuer: 'https://id.example.com/', clientId: 'web' });
    await expect(provider.startSignIn(new Request('https://app.example.com/login'))).rejects.toMatchObject({ code: 'ERR_CONFIG_INVALID' });
  });
});

describe('the callback', () => {
  it('exchanges the code, verifies the ID token, writes an HttpOnly session cookie and clears the flow; the session then authenticates', async () => {
    const harness = await createHarness();
    const jar = new CookieJar();
    const callback = await authorizeAt(harness, jar);
    const result = await harness.lockstep.exchangeCode(jar.request(callback.pathname + callback.search));
    if (result.kind !== 'signed_in') throw new Error(`expected a sign-in, got ${JSON.stringify(result)}`);
    expect(result.auth.user.email).toBe(EMAIL);
    expect(result.redirect.location).toBe('/');
    const setCookie = result.redirect.cookies.setCookie;
    expect(setCookie.some((cookie) => /^lockstep-oidc(\.0)?=o1\./.test(cookie) && /HttpOnly/.test(cookie))).toBe(true);
    expect(setCookie.some((cookie) => /^lockstep-oidc-flow=;/.test(cookie) && /Max-Age=0/.test(cookie))).toBe(true);
    jar.apply(setCookie);
    expect(jar.get('lockstep-oidc-flow')).toBeUndefined();
    expect(harness.mock.controls.calls('token:authorization_code')).toBe(1);

    const page = await harness.lockstep.handle(jar.request('/dashboard'));
    expect(page.kind).toBe('continue');
    if (page.kind !== 'continue' || page.auth.kind !== 'authenticated') throw new Error('expected an authenticated request');
    expect(page.auth.verifiedBy).toBe('claims');
    expect(page.auth.claims).toMatchObject({ iss: harness.mock.issuer, aud: harness.mock.clientId });
    expect(page.auth.user.id).toBe(decodeJwt(page.auth.session.accessToken).sub);
    expect(page.cookies.setCookie, 'a fresh session writes nothing').toEqual([]);
  });

  it('sends the user where they asked to go: returnTo rides in the flow cookie; an unsafe one is dropped at the start and checked again at the callback', async () => {
    const harness = await createHarness();
    const callbackFor = async (returnTo: string): Promise<string> => {
      const jar = new CookieJar();
      const start = await harness.provider.startSignIn(jar.request('/login'), { now: harness.now(), returnTo });
      if (start.kind !== 'redirect') throw new Error('expected a redirect');
      jar.apply(start.setCookie);
      const approval = await harness.mock.fetch(start.location, { redirect: 'manual' });
      const callback = new URL(approval.headers.get('location') ?? '');
      // An attacker's ?next= on the callback URL does not override the flow's target.
      const result = await harness.lockstep.exchangeCode(jar.request(`${callback.pathname}${callback.search}&next=%2F%2Fevil.example`));
      if (result.kind !== 'signed_in') throw new Error('expected a sign-in');
      return result.redirect.location;
    };
    expect(await callbackFor('/dashboard/billing?tab=2')).toBe('/dashboard/billing?tab=2');
    expect(await callbackFor('//evil.example/x')).toBe('/');
    expect(await callbackFor('https://evil.example/')).toBe('/');
    // A flow cookie edited to carry an unsafe target is still refused by the engine.
    const jar = new CookieJar();
    const callback = await authorizeAt(harness, jar);
    const flow = readFlow([{ name: 'f', value: jar.get('lockstep-oidc-flow') ?? '' }], 'f');
    if (flow.kind !== 'present') throw new Error('no flow');
    jar.set('lockstep-oidc-flow', encodeFlow({ ...flow.flow, returnTo: '/\\evil.example' }));
    const edited = await harness.lockstep.exchangeCode(jar.request(callback.pathname + callback.search));
    expect(edited.kind === 'signed_in' && edited.redirect.location).toBe('/');
  });

  it('follows the app\'s cookie settings: __Host- names for the session and the flow cookie, Secure on both', async () => {
    const harness = await createHarness({ cookies: { hostPrefix: true } });
    const jar = await signIn(harness);
    expect(jar.names()).toEqual(['__Host-lockstep-oidc']);
    const start = await harness.provider.startSignIn(new Request('http://localhost:3000/login'), { now: harness.now() });
    expect(start.kind === 'redirect' && start.setCookie[0]).toMatch(/^__Host-lockstep-oidc-flow=f1\..*; Secure/i);
    const page = await harness.lockstep.handle(jar.request('/dashboard'));
    expect(page.kind === 'continue' && page.auth.kind).toBe('authenticated');
  });

  it('the user mode asks userinfo; a revoked session is signed out there although its access token is unexpired', async () => {
    const harness = await createHarness();
    const jar = await signIn(harness);
    const admin = await harness.lockstep.handle(jar.request('/admin/users'));
    expect(admin.kind === 'continue' && admin.auth.kind === 'authenticated' && admin.auth.user.email).toBe(EMAIL);
    expect(harness.mock.controls.calls('userinfo')).toBe(1);
    harness.mock.controls.revokeUser(EMAIL);
    const after = await harness.lockstep.handle(jar.request('/admin/users'));
    expect(after.kind).toBe('redirect');
    expect(after.cookies.setCookie.some((cookie) => cookie.startsWith('lockstep-oidc') && /Max-Age=0/.test(cookie))).toBe(true);
  });

  it('refuses a callback whose state is not the flow’s, without spending the code', async () => {
    const harness = await createHarness();
    const jar = new CookieJar();
    const callback = await authorizeAt(harness, jar);
    callback.searchParams.set('state', 'A'.repeat(43));
    const result = await harness.lockstep.exchangeCode(jar.request(callback.pathname + callback.search));
    expect(result).toEqual({ kind: 'rejected', reason: 'state_mismatch' });
    expect(harness.mock.controls.calls('token:authorization_code')).toBe(0);
  });

  it('refuses a flow cookie whose nonce was changed: the ID token names another nonce', async () => {
    const harness = await createHarness();
    const jar = new CookieJar();
    const callback = await authorizeAt(harness, jar);
    const flow = readFlow([{ name: 'f', value: jar.get('lockstep-oidc-flow') ?? '' }], 'f');
    if (flow.kind !== 'present') throw new Error('no flow');
    jar.set('lockstep-oidc-flow', encodeFlow({ ...flow.flow, nonce: 'N'.repeat(43) }));
    const result = await harness.lockstep.exchangeCode(jar.request(callback.pathname + callback.search));
    expect(result).toEqual({ kind: 'rejected', reason: 'nonce_mismatch' });
  });

  it('refuses a flow cookie whose PKCE verifier was changed: the provider refuses the code', async () => {
    const harness = await createHarness();
    const jar = new CookieJar();
    const callback = await authorizeAt(harness, jar);
    const flow = readFlow([{ name: 'f', value: jar.get('lockstep-oidc-flow') ?? '' }], 'f');
    if (flow.kind !== 'present') throw new Error('no flow');
    jar.set('lockstep-oidc-flow', encodeFlow({ ...flow.flow, verifier: 'V'.repeat(43) }));
    const result = await harness.lockstep.exchangeCode(jar.request(callback.pathname + callback.search));
    expect(result).toEqual({ kind: 'rejected', reason: 'invalid_grant' });
    expect(harness.mock.controls.calls('token:authorization_code')).toBe(1);
  });

  it('refuses a missing, unreadable or expired flow, a foreign issuer, a provider error, and a replayed code', async () => {
    const harness = await createHarness();
    const jar = new CookieJar();
    const callback = await authorizeAt(harness, jar);
    const path = callback.pathname + callback.search;
    const exchange = (request: Request) => harness.lockstep.exchangeCode(request);
    expect(await exchange(new Request(`http://app.test${path}`))).toEqual({ kind: 'rejected', reason: 'missing_flow' });
    expect(await exchange(new Request(`http://app.test${path}`, { headers: { cookie: 'lockstep-oidc-flow=f1.not-json' } }))).toEqual({ kind: 'rejected', reason: 'invalid_flow' });
    const mixUp = new URL(callback);
    mixUp.searchParams.set('iss', 'https://evil.example');
    expect(await exchange(jar.request(mixUp.pathname + mixUp.search))).toEqual({ kind: 'rejected', reason: 'issuer_mismatch' });
    const noIssuer = new URL(callback);
    noIssuer.searchParams.delete('iss');
    expect(await exchange(jar.request(noIssuer.pathname + noIssuer.search)), 'the mock advertises RFC 9207').toEqual({ kind: 'rejected', reason: 'missing_issuer' });
    expect(await exchange(jar.request('/auth/callback?error=access_denied&state=x'))).toEqual({ kind: 'rejected', reason: 'access_denied' });
    expect(await exchange(jar.request('/auth/callback?error=%3Cscript%3E'))).toEqual({ kind: 'rejected', reason: 'provider_error' });
    expect(await exchange(jar.request('/auth/callback?state=x'))).toEqual({ kind: 'rejected', reason: 'missing_code' });
    expect(harness.mock.controls.calls('token:authorization_code'), 'none of these reached the token endpoint').toBe(0);

    const first = await exchange(jar.request(path));
    expect(first.kind).toBe('signed_in');
    expect(await exchange(jar.request(path))).toEqual({ kind: 'rejected', reason: 'invalid_grant' });

    const late = new CookieJar();
    const lateCallback = await authorizeAt(harness, late);
    harness.mock.clock.advance(601);
    expect(await exchange(late.request(lateCallback.pathname + lateCallback.search))).toEqual({ kind: 'rejected', reason: 'flow_expired' });
  });

  it('a key rotation between two sign-ins does not fail the second: the ID token from the token endpoint is vouched for by TLS, its claims and nonce still checked', async () => {
    const harness = await createHarness();
    await signIn(harness);
    await harness.mock.controls.rotateSigningKey();
    const jar = new CookieJar();
    const callback = await authorizeAt(harness, jar);
    const result = await harness.lockstep.exchangeCode(jar.request(callback.pathname + callback.search));
    expect(result.kind).toBe('signed_in');

    const tampered = new CookieJar();
    const tamperedCallback = await authorizeAt(harness, tampered);
    const flow = readFlow([{ name: 'f', value: tampered.get('lockstep-oidc-flow') ?? '' }], 'f');
    if (flow.kind !== 'present') throw new Error('no flow');
    tampered.set('lockstep-oidc-flow', encodeFlow({ ...flow.flow, nonce: 'N'.repeat(43) }));
    expect(await harness.lockstep.exchangeCode(tampered.request(tamperedCallback.pathname + tamperedCallback.search))).toEqual({ kind: 'rejected', reason: 'nonce_mismatch' });
  });

  it('an outage of the token endpoint during the callback is unavailable, not a refusal', async () => {
    const harness = await createHarness();
    const jar = new CookieJar();
    const callback = await authorizeAt(harness, jar);
    harness.mock.controls.fail('token:authorization_code', { kind: 'status', status: 502 }, { times: 1 });
    expect(await harness.lockstep.exchangeCode(jar.request(callback.pathname + callback.search))).toEqual({ kind: 'unavailable', cause: 'server_error' });
  });
});
