// The token endpoint: the code grant with PKCE, client authentication, and the refresh-token rotation rules.
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import type { OidcTokenResponse } from '../src/index.js';
import { authorize, basic, EMAIL, pkcePair, postForm, REDIRECT, refresh, SECRET, setup, signIn } from './helpers.js';

const redeem = (oidc: Awaited<ReturnType<typeof setup>>, code: string, verifier: string, extra: Record<string, string> = {}) =>
  postForm(oidc, '/token', { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT, ...extra });

describe('authorization_code grant', () => {
  it('issues access, refresh and ID tokens once; the ID token carries the nonce and the access token is an at+jwt for the client', async () => {
    const oidc = await setup();
    const { params, verifier } = await authorize(oidc);
    const code = params.get('code') ?? '';
    const answer = await redeem(oidc, code, verifier);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const tokens = (await answer.json()) as OidcTokenResponse;
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'openid email offline_access' });
    const now = oidc.clock.nowSeconds();
    expect(decodeJwt(tokens.id_token)).toMatchObject({ iss: oidc.issuer, aud: oidc.clientId, nonce: 'nonce-1', email: EMAIL, iat: now, exp: now + 3600 });
    expect(decodeJwt(tokens.access_token)).toMatchObject({ iss: oidc.issuer, aud: oidc.clientId, client_id: oidc.clientId });
    expect(oidc.controls.refreshTokenState(tokens.refresh_token)).toBe('active');

    // A replayed code is refused and revokes what it issued (RFC 6749 §4.1.2).
    const replay = await redeem(oidc, code, verifier);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
    expect(oidc.controls.refreshTokenState(tokens.refresh_token)).toBe('revoked');
    expect(oidc.controls.calls('token:authorization_code')).toBe(2);
  });

  it('refuses a wrong verifier, redirect URI or expired code with invalid_grant', async () => {
    const oidc = await setup();
    const wrongVerifier = await authorize(oidc);
    expect(await (await redeem(oidc, wrongVerifier.params.get('code') ?? '', pkcePair().verifier)).json()).toMatchObject({ error: 'invalid_grant', error_description: 'PKCE verification failed' });
    const wrongRedirect = await authorize(oidc);
    expect(await (await redeem(oidc, wrongRedirect.params.get('code') ?? '', wrongRedirect.verifier, { redirect_uri: 'http://app.test/other' })).json()).toMatchObject({ error: 'invalid_grant' });
    const late = await authorize(oidc);
    oidc.clock.advance(61);
    expect(await (await redeem(oidc, late.params.get('code') ?? '', late.verifier)).json()).toMatchObject({ error: 'invalid_grant', error_description: 'authorization code expired' });
    expect(await (await redeem(oidc, 'nope', late.verifier)).json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('requires the parameters and client authentication; answers unknown grants with unsupported_grant_type', async () => {
    const oidc = await setup();
    const { params, verifier } = await authorize(oidc);
    const code = params.get('code') ?? '';
    expect(await (await postForm(oidc, '/token', { grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).json()).toMatchObject({ error: 'invalid_request' });
    const noAuth = await postForm(oidc, '/token', { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT }, false);
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toMatchObject({ error: 'invalid_client' });
    const badSecret = await postForm(oidc, '/token', { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT }, basic(oidc.clientId, 'wrong'));
    expect(badSecret.status).toBe(401);
    expect(badSecret.headers.get('www-authenticate')).toMatch(/^Basic/);
    // client_secret_post works as well as Basic.
    const viaBody = await postForm(oidc, '/token', { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT, client_id: oidc.clientId, client_secret: SECRET }, false);
    expect(viaBody.status).toBe(200);
    expect(await (await postForm(oidc, '/token', { grant_type: 'password' })).json()).toMatchObject({ error: 'unsupported_grant_type' });
    const json = await oidc.fetch(`${oidc.issuer}/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(await json.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('serves a public client (no secret) on PKCE alone, and refuses a secret from it', async () => {
    const oidc = await setup({ client: {} });
    const { params, verifier } = await authorize(oidc);
    const form = { grant_type: 'authorization_code', code: params.get('code') ?? '', code_verifier: verifier, redirect_uri: REDIRECT, client_id: oidc.clientId };
    expect((await postForm(oidc, '/token', { ...form, client_secret: 'x' }, false)).status).toBe(401);
    expect((await postForm(oidc, '/token', form, false)).status).toBe(200);
  });
});

describe('refresh_token grant: rotation with a reuse interval', () => {
  it('rotates; a spent token within the interval answers with the active one; after it, reuse revokes the family', async () => {
    const oidc = await setup();
    const first = await signIn(oidc);
    const rotated = (await (await refresh(oidc, first.refresh_token)).json()) as OidcTokenResponse;
    expect(rotated.refresh_token).not.toBe(first.refresh_token);
    expect(decodeJwt(rotated.id_token).nonce, 'no nonce on a refreshed ID token').toBeUndefined();
    expect(decodeJwt(rotated.id_token).sub).toBe(decodeJwt(first.id_token).sub);
    expect(oidc.controls.refreshTokenState(first.refresh_token)).toBe('spent');

    oidc.clock.advance(10);
    const late = (await (await refresh(oidc, first.refresh_token)).json()) as OidcTokenResponse;
    expect(late.refresh_token, 'a late client converges on the active token').toBe(rotated.refresh_token);

    oidc.clock.advance(1);
    const reuse = await refresh(oidc, first.refresh_token);
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ error: 'invalid_grant', error_description: 'refresh token reused' });
    expect(oidc.controls.refreshTokenState(rotated.refresh_token)).toBe('revoked');
    expect(await (await refresh(oidc, rotated.refresh_token)).json()).toMatchObject({ error: 'invalid_grant' });
    expect(oidc.controls.refreshCalls()).toBe(4);
  });

  it('refuses unknown tokens, another client’s tokens and tokens of ended sessions', async () => {
    const oidc = await setup();
    expect(await (await refresh(oidc, 'unknown')).json()).toMatchObject({ error: 'invalid_grant' });
    const tokens = await oidc.controls.issueTokens(EMAIL);
    oidc.controls.revokeUser(EMAIL);
    expect(await (await refresh(oidc, tokens.refresh_token)).json()).toMatchObject({ error: 'invalid_grant', error_description: 'refresh token revoked' });

    const other = await setup({ client: { clientId: 'other-client', clientSecret: SECRET } });
    const theirs = await other.controls.issueTokens(EMAIL);
    const ours = await setup();
    expect(await (await refresh(ours, theirs.refresh_token)).json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('the interval is adjustable: at 0 any reuse revokes', async () => {
    const oidc = await setup();
    oidc.controls.setReuseInterval(0);
    const tokens = await oidc.controls.issueTokens(EMAIL);
    expect((await refresh(oidc, tokens.refresh_token)).status).toBe(200);
    oidc.clock.advance(1);
    expect((await refresh(oidc, tokens.refresh_token)).status).toBe(400);
  });
});
