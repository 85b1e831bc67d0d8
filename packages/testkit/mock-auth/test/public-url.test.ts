// The mock behind a proxy or gateway (`publicUrl` / `--public-url`): issuer, links and JWKS URL follow
// the public URL, and the unmodified supabase-js client works through the proxy.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCli } from '../src/cli-args.js';
import { createMockAuth, MockAuthConfigError, startMockAuth, type RunningMockAuth } from '../src/index.js';
import { ALICE } from './helpers.js';
import { startLoopbackProxy, type LoopbackProxy } from './loopback-proxy.js';
import { clientFor, followToApp } from './supabase-client.js';

let proxy: LoopbackProxy;
let mock: RunningMockAuth;
/** The project URL apps use: the proxy, under a gateway path prefix. */
let publicUrl: string;

beforeAll(async () => {
  proxy = await startLoopbackProxy('/gateway');
  publicUrl = `${proxy.url}/gateway`;
  mock = await startMockAuth({ users: [ALICE], publicUrl: `${publicUrl}/` });
  proxy.target = mock.url;
});
afterAll(async () => {
  await mock.stop();
  await proxy.stop();
});
beforeEach(() => mock.controls.reset());

describe('publicUrl: the mock behind a proxy', () => {
  it('exposes the public URL and derives the issuer from it (trailing slash dropped)', () => {
    expect(mock.publicUrl).toBe(publicUrl);
    expect(mock.issuer).toBe(`${publicUrl}/auth/v1`);
    expect(mock.url).not.toBe(publicUrl);
  });

  it('signs tokens with the public issuer, and getClaims verifies them through the proxy', async () => {
    const supabase = clientFor(publicUrl, mock.anonKey);
    const before = proxy.forwarded();
    const { data, error } = await supabase.auth.signInWithPassword(ALICE);
    expect(error).toBeNull();
    expect(decodeJwt(data.session?.access_token ?? '').iss).toBe(`${publicUrl}/auth/v1`);
    const claims = await supabase.auth.getClaims();
    expect(claims.error).toBeNull();
    expect(claims.data?.claims.iss).toBe(`${publicUrl}/auth/v1`);
    expect(mock.controls.calls('jwks')).toBe(1);
    expect(proxy.forwarded() - before).toBe(2);
  });

  it('names the JWKS under the public URL in the OpenID configuration, and that URL serves the keys', async () => {
    const config = (await (await fetch(`${publicUrl}/auth/v1/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(config.issuer).toBe(`${publicUrl}/auth/v1`);
    expect(config.jwks_uri).toBe(`${publicUrl}/auth/v1/.well-known/jwks.json`);
    const jwks = (await (await fetch(String(config.jwks_uri))).json()) as unknown;
    expect(jwks).toEqual(mock.jwks);
    expect(mock.jwks.keys).toHaveLength(1);
  });

  it('sends the OAuth flow through the public URL', async () => {
    const supabase = clientFor(publicUrl, mock.anonKey);
    const { data } = await supabase.auth.signInWithOAuth({
      provider: 'github',
      options: { redirectTo: 'http://127.0.0.1:3000/cb', skipBrowserRedirect: true, queryParams: { login_hint: 'octo@example.com' } },
    });
    const hops: string[] = [];
    let location = data.url ?? '';
    while (location.startsWith(publicUrl)) {
      hops.push(location);
      location = (await fetch(location, { redirect: 'manual' })).headers.get('location') ?? '';
    }
    // authorize → fake provider → callback, every hop on the public URL.
    expect(hops.map((h) => new URL(h).pathname)).toEqual([
      '/gateway/auth/v1/authorize',
      '/gateway/auth/v1/mock-provider/authorize',
      '/gateway/auth/v1/callback',
    ]);
    const code = new URL(location).searchParams.get('code') ?? '';
    const exchanged = await supabase.auth.exchangeCodeForSession(code);
    expect(exchanged.error).toBeNull();
    expect(decodeJwt(exchanged.data.session?.access_token ?? '').iss).toBe(`${publicUrl}/auth/v1`);
  });

  it('puts the public URL in email links, which verify through the proxy', async () => {
    const supabase = clientFor(publicUrl, mock.anonKey, 'implicit');
    expect((await supabase.auth.signInWithOtp({ email: ALICE.email, options: { emailRedirectTo: 'http://127.0.0.1:3000/in' } })).error).toBeNull();
    const link = mock.controls.latestOtp(ALICE.email)?.actionLink ?? '';
    expect(link.startsWith(`${publicUrl}/auth/v1/verify?`)).toBe(true);
    const landing = await followToApp(link, publicUrl);
    const fragment = new URLSearchParams(landing.hash.slice(1));
    expect(decodeJwt(fragment.get('access_token') ?? '').iss).toBe(`${publicUrl}/auth/v1`);
  });
});

describe('publicUrl: defaults and validation', () => {
  it('defaults to the listening URL', async () => {
    const plain = await createMockAuth({ url: 'http://127.0.0.1:54321' });
    expect(plain.publicUrl).toBe('http://127.0.0.1:54321');
    expect(plain.issuer).toBe('http://127.0.0.1:54321/auth/v1');
  });

  it.each(['not a url', 'ftp://example.com', 'http://example.com/?x=1', 'http://example.com/#f', 'http://u:p@example.com'])(
    'refuses %j',
    async (bad) => {
      await expect(createMockAuth({ publicUrl: bad })).rejects.toBeInstanceOf(MockAuthConfigError);
    },
  );

  it('reads --public-url and MOCK_AUTH_PUBLIC_URL; the flag wins', () => {
    const fromEnv = parseCli([], { MOCK_AUTH_PUBLIC_URL: 'http://localhost:8000' });
    expect(fromEnv.kind === 'start' && fromEnv.options.publicUrl).toBe('http://localhost:8000');
    const fromFlag = parseCli(['--public-url', 'https://gw.example.com/sb'], { MOCK_AUTH_PUBLIC_URL: 'http://localhost:8000' });
    expect(fromFlag.kind === 'start' && fromFlag.options.publicUrl).toBe('https://gw.example.com/sb');
    const none = parseCli([], {});
    expect(none.kind === 'start' && none.options.publicUrl).toBeUndefined();
  });
});
