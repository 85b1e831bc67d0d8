// Sign-in, sign-out (C24) and the PKCE callback (C25) at the core level, against the mock auth server.
import { createServerClient } from '@supabase/ssr';
import { describe, expect, it } from 'vitest';
import { formatRequestCookieHeader, type RequestCookie } from '@lockstep/core/cookies';
import { createHarness, USER } from './support.js';

const post = (path: string, cookie?: string): Request =>
  new Request(`http://app.test${path}`, { method: 'POST', headers: cookie === undefined ? {} : { cookie } });

describe('signInWithPassword', () => {
  it('signs in, writes ssr-format cookies and redirects (303) to the validated return-to', async () => {
    const h = await createHarness();
    const result = await h.lockstep.signInWithPassword(post('/login'), { ...USER, returnTo: '/dashboard?tab=2' });
    expect(result).toMatchObject({ kind: 'signed_in', auth: { kind: 'authenticated', user: { email: USER.email } }, redirect: { status: 303, location: '/dashboard?tab=2', reason: 'signed_in' } });
    if (result.kind !== 'signed_in') return;
    expect(result.redirect.cookies.setCookie[0]).toMatch(/^sb-127-auth-token=base64-/);
    expect(result.redirect.headers.map(([name]) => name)).toContain('Cache-Control');
    // The cookie it wrote is a session the middleware accepts.
    const outcome = await h.lockstep.handle(h.request('/dashboard', { cookie: result.redirect.cookies.requestCookieHeader }));
    expect(outcome).toMatchObject({ kind: 'continue', auth: { kind: 'authenticated' } });
  });

  it.each([['//evil.com'], ['https://evil.com'], ['/login'], [null], ['/.//evil.com'], ['/a/..//evil.com/x?y=1'], ['/%2e%2e//evil.com']])('falls back to the default target for return-to %s', async (returnTo) => {
    const h = await createHarness();
    const result = await h.lockstep.signInWithPassword(post('/login'), { ...USER, returnTo });
    expect(result).toMatchObject({ kind: 'signed_in', redirect: { location: '/' } });
  });

  it('reports wrong credentials with GoTrue’s reason and an outage as unavailable', async () => {
    const h = await createHarness();
    expect(await h.lockstep.signInWithPassword(post('/login'), { email: USER.email, password: 'wrong-password' })).toEqual({ kind: 'rejected', reason: 'invalid_credentials' });
    h.mock.controls.fail('token:password', { kind: 'status', status: 502 });
    expect(await h.lockstep.signInWithPassword(post('/login'), USER)).toEqual({ kind: 'unavailable', cause: 'server_error' });
  });
});

describe('cross-site requests to sign-in and sign-out are refused (C34)', () => {
  const fromSite = (origin: string, cookie?: string): Request =>
    new Request('http://app.test/logout', { method: 'POST', headers: { origin, ...(cookie === undefined ? {} : { cookie }) } });

  it('a sign-in form posted from another site never reaches the auth server', async () => {
    const h = await createHarness();
    h.mock.controls.resetCounters();
    expect(await h.lockstep.signInWithPassword(fromSite('https://evil.example'), USER)).toEqual({ kind: 'rejected', reason: 'cross_site_request' });
    expect(h.mock.controls.calls('token:password')).toBe(0);
  });

  it('a sign-out from another site changes nothing: 403, the session stays at the server and in the browser', async () => {
    const h = await createHarness();
    const cookie = h.cookieFor(await h.signIn());
    const result = await h.lockstep.signOut(fromSite('https://evil.example', cookie));
    expect(result).toMatchObject({ kind: 'refused', reason: 'cross_site_request', outcome: { kind: 'respond', status: 403, cookies: { setCookie: [] } } });
    expect(h.mock.controls.sessions(USER.email)).toHaveLength(1);
  });

  it('the app\'s own origin, and an origin it allows, sign in as usual', async () => {
    const h = await createHarness({ allowedOrigins: ['https://www.example.test'] });
    expect((await h.lockstep.signInWithPassword(fromSite('http://app.test'), USER)).kind).toBe('signed_in');
    expect((await h.lockstep.signInWithPassword(fromSite('https://www.example.test'), USER)).kind).toBe('signed_in');
  });

  it('behind a trusted proxy the forwarded host is the app\'s', async () => {
    const h = await createHarness({ trustProxy: true });
    const request = new Request('http://10.0.0.5:3000/login', { method: 'POST', headers: { origin: 'https://app.example.com', 'x-forwarded-host': 'app.example.com', 'x-forwarded-proto': 'https' } });
    expect((await h.lockstep.signInWithPassword(request, USER)).kind).toBe('signed_in');
    expect((await h.lockstep.signInWithPassword(new Request(request, { headers: { origin: 'https://app.example.com' } }), USER)).kind).toBe('rejected');
  });

  it.each([['not an array', 'https://a.example'], ['a path', ['https://a.example/x']], ['a trailing slash', ['https://a.example/']], ['not a URL', ['a.example']]])(
    'refuses allowedOrigins with %s at boot',
    async (_name, allowedOrigins) => {
      await expect(createHarness({ allowedOrigins: allowedOrigins as never })).rejects.toMatchObject({ code: 'ERR_CONFIG_INVALID' });
    },
  );
});

describe('signOut (C24)', () => {
  it('local scope ends this session at the server and clears the cookies', async () => {
    const h = await createHarness();
    const cookie = h.cookieFor(await h.signIn());
    await h.signIn(); // a second session elsewhere
    const result = await h.lockstep.signOut(post('/logout', cookie));
    expect(result).toMatchObject({ kind: 'signed_out', upstream: 'ok', outcome: { location: '/login', status: 303, reason: 'signed_out' } });
    expect(result.outcome.cookies.setCookie).toEqual(['sb-127-auth-token=; Max-Age=0; Path=/; Secure; SameSite=Lax']);
    expect(h.mock.controls.sessions(USER.email)).toHaveLength(1);
  });

  it('global scope ends every session, renewing an expired access token first', async () => {
    const h = await createHarness();
    const cookie = h.cookieFor(await h.signIn());
    await h.signIn();
    h.mock.controls.clock.advance(3601);
    expect(await h.lockstep.signOut(post('/logout', cookie), { scope: 'global' })).toMatchObject({ upstream: 'ok' });
    expect(h.mock.controls.sessions(USER.email)).toHaveLength(0);
  });

  it('clears the cookies even when the auth server is down', async () => {
    const h = await createHarness();
    const cookie = h.cookieFor(await h.signIn());
    h.mock.controls.fail('logout', { kind: 'drop' });
    const result = await h.lockstep.signOut(post('/logout', cookie));
    expect(result).toMatchObject({ kind: 'signed_out', upstream: 'unavailable' });
    expect(result.outcome.cookies.setCookie).toEqual(['sb-127-auth-token=; Max-Age=0; Path=/; Secure; SameSite=Lax']);
  });

  it('without a session it still answers with the redirect and nothing to clear', async () => {
    const h = await createHarness();
    expect(await h.lockstep.signOut(post('/logout'))).toMatchObject({ upstream: 'no_session', outcome: { cookies: { setCookie: [] } } });
  });
});

describe('exchangeCode (C25)', () => {
  it('completes a PKCE OAuth flow started by @supabase/ssr, clears the verifier and redirects to return-to', async () => {
    const h = await createHarness();
    const jar = new Map<string, string>();
    const client = createServerClient(h.mock.url, h.mock.anonKey, {
      cookies: {
        getAll: () => [...jar].map(([name, value]) => ({ name, value })),
        setAll: (cookies) => cookies.forEach(({ name, value }) => (value === '' ? jar.delete(name) : jar.set(name, value))),
      },
      global: { fetch: h.mock.fetch },
    });
    const { data } = await client.auth.signInWithOAuth({ provider: 'github', options: { redirectTo: 'http://app.test/auth/callback?next=/dashboard', skipBrowserRedirect: true, queryParams: { login_hint: 'octo@example.com' } } });
    let location = data.url ?? '';
    for (let hop = 0; hop < 5 && location.startsWith(h.mock.url); hop++) {
      location = (await h.mock.fetch(location, { redirect: 'manual' })).headers.get('location') ?? '';
    }
    expect(location).toMatch(/^http:\/\/app\.test\/auth\/callback\?.*code=/);
    const cookies: RequestCookie[] = [...jar].map(([name, value]) => ({ name, value }));
    const request = new Request(location, { headers: { cookie: formatRequestCookieHeader(cookies) } });

    const result = await h.lockstep.exchangeCode(request);
    expect(result).toMatchObject({ kind: 'signed_in', redirect: { location: '/dashboard', status: 307 } });
    if (result.kind !== 'signed_in') return;
    const setCookie = result.redirect.cookies.setCookie;
    expect(setCookie.some((line) => line.startsWith('sb-127-auth-token=base64-'))).toBe(true);
    expect(setCookie.some((line) => /^sb-127-auth-token-code-verifier=; Max-Age=0/.test(line))).toBe(true);
    expect(h.mock.controls.calls('token:pkce')).toBe(1);
  });

  it.each([
    ['no code', 'http://app.test/auth/callback', 'missing_code'],
    ['a provider error', 'http://app.test/auth/callback?error=access_denied', 'access_denied'],
    ['an unsafe error code', 'http://app.test/auth/callback?error=%3Cscript%3E', 'provider_error'],
    ['a code without a verifier cookie', 'http://app.test/auth/callback?code=abc', 'missing_code_verifier'],
  ])('rejects %s', async (_name, url, reason) => {
    const h = await createHarness();
    expect(await h.lockstep.exchangeCode(new Request(url))).toEqual({ kind: 'rejected', reason });
  });
});
