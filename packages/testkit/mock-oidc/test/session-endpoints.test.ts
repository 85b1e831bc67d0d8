// userinfo, RP-initiated logout and revocation; outage injection and counters.
import { describe, expect, it } from 'vitest';
import type { OidcTokenResponse } from '../src/index.js';
import { basic, EMAIL, postForm, refresh, setup, signIn } from './helpers.js';

const userinfo = (oidc: Awaited<ReturnType<typeof setup>>, token: string) => oidc.fetch(`${oidc.issuer}/userinfo`, { headers: { authorization: `Bearer ${token}` } });

describe('userinfo', () => {
  it('answers for a live token; 401 invalid_token with a Bearer challenge for an expired, revoked or foreign one', async () => {
    const oidc = await setup();
    const tokens = await signIn(oidc);
    const ok = await userinfo(oidc, tokens.access_token);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ email: EMAIL, name: 'Ada' });

    const none = await oidc.fetch(`${oidc.issuer}/userinfo`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    expect((await userinfo(oidc, tokens.id_token)).status, 'an ID token is not an access token').toBe(401);

    oidc.clock.advance(3601);
    expect((await userinfo(oidc, tokens.access_token)).status).toBe(401);

    const other = await setup();
    const foreign = await other.controls.issueTokens(EMAIL);
    expect((await userinfo(oidc, foreign.access_token)).status).toBe(401);
  });

  it('an access token dies with its refresh-token family (reuse detected)', async () => {
    const oidc = await setup();
    const tokens = await signIn(oidc);
    await refresh(oidc, tokens.refresh_token);
    oidc.clock.advance(11);
    await refresh(oidc, tokens.refresh_token);
    expect((await userinfo(oidc, tokens.access_token)).status).toBe(401);
  });
});

describe('end_session (RP-initiated logout)', () => {
  it('ends the session named by id_token_hint and redirects to the registered URI with the state', async () => {
    const oidc = await setup();
    const tokens = await signIn(oidc);
    oidc.clock.advance(7200); // an expired hint is still a hint
    const url = new URL(`${oidc.issuer}/logout`);
    url.searchParams.set('id_token_hint', tokens.id_token);
    url.searchParams.set('post_logout_redirect_uri', 'http://app.test/');
    url.searchParams.set('state', 'bye');
    const answer = await oidc.fetch(url, { redirect: 'manual' });
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('http://app.test/?state=bye');
    expect(oidc.controls.refreshTokenState(tokens.refresh_token)).toBe('revoked');
    expect(await (await refresh(oidc, tokens.refresh_token)).json()).toMatchObject({ error: 'invalid_grant' });
    expect(oidc.controls.calls('end_session')).toBe(1);
  });

  it('refuses a missing or foreign hint, an access token as hint, and an unregistered redirect', async () => {
    const oidc = await setup();
    const tokens = await signIn(oidc);
    const other = await (await setup()).controls.issueTokens(EMAIL);
    const attempts: Record<string, string>[] = [
      {},
      { id_token_hint: other.id_token },
      { id_token_hint: tokens.access_token },
      { id_token_hint: tokens.id_token, post_logout_redirect_uri: 'https://evil.test/' },
      { id_token_hint: tokens.id_token, client_id: 'someone-else' },
    ];
    for (const params of attempts) {
      const answer = await oidc.fetch(`${oidc.issuer}/logout?${new URLSearchParams(params).toString()}`, { redirect: 'manual' });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('location')).toBeNull();
    }
    expect(oidc.controls.refreshTokenState(tokens.refresh_token), 'nothing ended').toBe('active');
  });
});

describe('revocation (RFC 7009)', () => {
  it('revoking a refresh token ends its family and its access tokens; unknown tokens answer 200 too', async () => {
    const oidc = await setup();
    const tokens = await signIn(oidc);
    const answer = await postForm(oidc, '/revoke', { token: tokens.refresh_token, token_type_hint: 'refresh_token' });
    expect(answer.status).toBe(200);
    expect(oidc.controls.refreshTokenState(tokens.refresh_token)).toBe('revoked');
    expect((await userinfo(oidc, tokens.access_token)).status).toBe(401);
    expect((await postForm(oidc, '/revoke', { token: 'never-issued' })).status).toBe(200);
    expect((await postForm(oidc, '/revoke', { token: tokens.refresh_token })).status, 'revoking twice is fine').toBe(200);
  });

  it('revokes a single access token; requires client authentication and a token', async () => {
    const oidc = await setup();
    const tokens = await signIn(oidc);
    expect((await postForm(oidc, '/revoke', { token: tokens.access_token }, basic(oidc.clientId, 'wrong'))).status).toBe(401);
    expect((await userinfo(oidc, tokens.access_token)).status).toBe(200);
    expect((await postForm(oidc, '/revoke', { token: tokens.access_token, token_type_hint: 'access_token' })).status).toBe(200);
    expect((await userinfo(oidc, tokens.access_token)).status).toBe(401);
    expect(oidc.controls.refreshTokenState(tokens.refresh_token), 'the refresh token lives on').toBe('active');
    expect(await (await postForm(oidc, '/revoke', {})).json()).toMatchObject({ error: 'invalid_request' });
  });
});

describe('outages and counters', () => {
  it('injects 5xx, 429, HTML and foreign answers for a number of calls, then recovers', async () => {
    const oidc = await setup();
    const tokens = await oidc.controls.issueTokens(EMAIL);
    oidc.controls.fail('token:refresh_token', { kind: 'status', status: 503 }, { times: 1 });
    oidc.controls.fail('token:refresh_token', { kind: 'rate-limit' }, { times: 1 });
    oidc.controls.fail('token:refresh_token', { kind: 'html' }, { times: 1 });
    oidc.controls.fail('token:refresh_token', { kind: 'answer', status: 403, body: { message: 'Forbidden' } }, { times: 1 });
    expect((await refresh(oidc, tokens.refresh_token)).status).toBe(503);
    expect((await refresh(oidc, tokens.refresh_token)).status).toBe(429);
    const html = await refresh(oidc, tokens.refresh_token);
    expect(html.headers.get('content-type')).toBe('text/html');
    expect((await refresh(oidc, tokens.refresh_token)).status).toBe(403);
    expect(oidc.controls.refreshTokenState(tokens.refresh_token), 'faulted calls never reached the grant').toBe('active');
    const ok = (await (await refresh(oidc, tokens.refresh_token)).json()) as OidcTokenResponse;
    expect(ok.refresh_token).not.toBe(tokens.refresh_token);
    expect(oidc.controls.refreshCalls()).toBe(5);
    oidc.controls.resetCounters();
    expect(oidc.controls.refreshCalls()).toBe(0);
  });

  it('a dropped connection rejects the in-process fetch; a hang lasts until the client aborts; clearFaults ends both', async () => {
    const oidc = await setup();
    oidc.controls.fail('*', { kind: 'drop' });
    await expect(oidc.fetch(`${oidc.issuer}/jwks`)).rejects.toThrow(TypeError);
    oidc.controls.clearFaults();
    oidc.controls.fail('discovery', { kind: 'hang' }, { times: 1 });
    const controller = new AbortController();
    const pending = oidc.fetch(`${oidc.issuer}/.well-known/openid-configuration`, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect((await oidc.fetch(`${oidc.issuer}/.well-known/openid-configuration`)).status).toBe(200);
    expect(oidc.controls.calls('discovery')).toBe(2);
    expect(oidc.controls.calls('jwks')).toBe(1);
  });

  it('the clock is injectable and advances by value', async () => {
    let base = 1_900_000_000_000;
    const oidc = await setup({ now: () => base });
    expect(oidc.clock.nowSeconds()).toBe(1_900_000_000);
    base += 5000;
    oidc.clock.advance(10);
    expect(oidc.clock.nowSeconds()).toBe(1_900_000_015);
    expect(() => oidc.clock.advance(Number.NaN)).toThrow(TypeError);
  });
});
