// Discovery, JWKS and the authorization endpoint: what a relying party reads first, and what it must send.
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { startMockOidc } from '../src/index.js';
import { authorize, EMAIL, REDIRECT, setup, signIn } from './helpers.js';

describe('discovery and JWKS', () => {
  it('publishes the issuer, every endpoint under it, S256 only, and an RS256 key that verifies its tokens', async () => {
    const oidc = await setup({ issuerPath: '/realms/demo' });
    const metadata = (await (await oidc.fetch(`${oidc.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(oidc.issuer).toBe('http://oidc.test/realms/demo');
    expect(metadata).toMatchObject({
      issuer: oidc.issuer,
      authorization_endpoint: `${oidc.issuer}/authorize`,
      token_endpoint: `${oidc.issuer}/token`,
      jwks_uri: `${oidc.issuer}/jwks`,
      end_session_endpoint: `${oidc.issuer}/logout`,
      revocation_endpoint: `${oidc.issuer}/revoke`,
      code_challenge_methods_supported: ['S256'],
    });
    const jwks = (await (await oidc.fetch(String(metadata.jwks_uri))).json()) as { keys: { kty: string; alg: string; d?: string }[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
    expect(jwks.keys[0]?.d, 'no private part is published').toBeUndefined();
    const tokens = await signIn(oidc);
    const now = new Date(oidc.clock.now());
    const { payload } = await jwtVerify(tokens.id_token, createLocalJWKSet({ keys: [...oidc.jwks().keys] }), { issuer: oidc.issuer, audience: oidc.clientId, currentDate: now });
    expect(payload).toMatchObject({ email: EMAIL, nonce: 'nonce-1' });
    expect(oidc.controls.calls('discovery')).toBe(1);
    expect(oidc.controls.calls('jwks')).toBe(1);
  });

  it('rotates its signing key: new tokens carry the new kid, the old key stays published until retired', async () => {
    const oidc = await setup();
    const before = await oidc.controls.issueTokens(EMAIL);
    await oidc.controls.rotateSigningKey();
    const after = await oidc.controls.issueTokens(EMAIL);
    const kid = (token: string) => (JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as { kid: string }).kid;
    expect(kid(after.access_token)).not.toBe(kid(before.access_token));
    const published = (await (await oidc.fetch(`${oidc.issuer}/jwks`)).json()) as { keys: { kid: string }[] };
    expect(published.keys.map((key) => key.kid)).toEqual([kid(after.access_token), kid(before.access_token)]);
    const userinfo = (token: string) => oidc.fetch(`${oidc.issuer}/userinfo`, { headers: { authorization: `Bearer ${token}` } });
    expect((await userinfo(before.access_token)).status).toBe(200);
    await oidc.controls.rotateSigningKey({ retire: true });
    expect((await userinfo(after.access_token)).status, 'a retired key no longer verifies').toBe(401);
  });

  it('answers on a loopback port of its own, port 0 by default', async () => {
    const oidc = await startMockOidc({ users: [{ email: EMAIL }] });
    try {
      expect(oidc.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(oidc.port).toBeGreaterThan(0);
      const metadata = (await (await fetch(`${oidc.issuer}/.well-known/openid-configuration`)).json()) as { issuer: string };
      expect(metadata.issuer).toBe(oidc.issuer);
    } finally {
      await oidc.stop();
    }
  });
});

describe('authorization endpoint', () => {
  it('approves the seeded user and redirects with code, state and iss', async () => {
    const oidc = await setup();
    const { response, params } = await authorize(oidc);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')?.startsWith(`${REDIRECT}?`)).toBe(true);
    expect(params.get('code')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(params.get('state')).toBe('state-1');
    expect(params.get('iss')).toBe(oidc.issuer);
    expect(oidc.controls.lastAuthorizeRequest()?.get('nonce')).toBe('nonce-1');
  });

  it('never redirects to an unregistered redirect_uri or for an unknown client', async () => {
    const oidc = await setup();
    const attempts: Record<string, string | null>[] = [{ redirect_uri: 'https://evil.test/cb' }, { redirect_uri: `${REDIRECT}/x` }, { client_id: 'other' }, { redirect_uri: null }];
    for (const overrides of attempts) {
      const { response } = await authorize(oidc, overrides);
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    }
  });

  it('requires PKCE S256 and the openid scope; reports errors in the redirect with the state', async () => {
    const oidc = await setup();
    const cases: [Record<string, string | null>, string][] = [
      [{ code_challenge: null }, 'invalid_request'],
      [{ code_challenge_method: 'plain' }, 'invalid_request'],
      [{ code_challenge_method: null }, 'invalid_request'],
      [{ code_challenge: 'short' }, 'invalid_request'],
      [{ scope: 'email' }, 'invalid_scope'],
      [{ response_type: 'token' }, 'unsupported_response_type'],
    ];
    for (const [overrides, error] of cases) {
      const { response, params } = await authorize(oidc, overrides);
      expect(response.status).toBe(302);
      expect(params.get('error')).toBe(error);
      expect(params.get('state')).toBe('state-1');
      expect(params.get('code')).toBeNull();
    }
  });

  it('answers access_denied when no user is to be approved, and approves the one chosen', async () => {
    const oidc = await setup();
    oidc.controls.signInAs(null);
    expect((await authorize(oidc)).params.get('error')).toBe('access_denied');
    const grace = oidc.controls.addUser('grace@example.com', 'Grace');
    oidc.controls.signInAs('grace@example.com');
    const tokens = await signIn(oidc);
    expect(decodeJwt(tokens.id_token).sub).toBe(grace.id);
  });
});
