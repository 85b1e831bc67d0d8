// Hono mechanics of the middleware: creation, the forwarded request, and cookies on every kind of response.
import { LockstepError, type AuthState, type Lockstep, type Session, type SessionClaims, type SessionUser } from '@lockstep/core';
import { Hono } from 'hono';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { lockstep, requireUser, type LockstepEnv } from '../src/index.js';
import { setup } from './support.js';

const navigate = { accept: 'text/html', 'sec-fetch-mode': 'navigate' };

describe('creation', () => {
  it('misconfiguration throws when the middleware is created, not on a request', () => {
    expect(() => lockstep({ supabaseUrl: 'not a url', supabaseKey: 'k' })).toThrow(LockstepError);
    expect(() => lockstep({ supabaseUrl: 'http://127.0.0.1:54321', supabaseKey: '' })).toThrow(expect.objectContaining({ code: 'ERR_CONFIG_INVALID' }) as Error);
  });

  it('accepts an existing instance and exposes it to handlers', async () => {
    const { instance } = await setup();
    const app = new Hono().use('*', lockstep(instance)).get('/', (c) => c.json({ same: c.var.lockstep === instance }));
    expect(await (await app.request('/')).json()).toEqual({ same: true });
  });

  it('types c.var through the ContextVariableMap augmentation', () => {
    new Hono().get('/', (c) => {
      expectTypeOf(c.var.auth).toEqualTypeOf<AuthState>();
      expectTypeOf(c.var.user).toEqualTypeOf<SessionUser | null>();
      expectTypeOf(c.var.claims).toEqualTypeOf<SessionClaims | null>();
      expectTypeOf(c.var.session).toEqualTypeOf<Session | null>();
      expectTypeOf(c.get('lockstep')).toEqualTypeOf<Lockstep>();
      return c.text('');
    });
    expectTypeOf<LockstepEnv['Variables']['user']>().toEqualTypeOf<SessionUser | null>();
  });
});

describe('the request handlers see', () => {
  it('is the original one when no cookie changed', async () => {
    const { instance, validCookie } = await setup();
    let seen: Request | undefined;
    const app = new Hono().use('*', lockstep(instance)).get('/dashboard', (c) => {
      seen = c.req.raw;
      return c.text('ok');
    });
    const request = new Request('http://app.test/dashboard', { headers: { ...navigate, cookie: await validCookie() } });
    expect((await app.fetch(request)).status).toBe(200);
    expect(seen).toBe(request);
  });

  it('carries the refreshed cookie, and a POST body still arrives', async () => {
    const { instance, expiredCookie } = await setup();
    const cookie = await expiredCookie();
    const app = new Hono().use('*', lockstep(instance)).post('/dashboard/items', async (c) => {
      const body = await c.req.json<{ name: string }>();
      const forwarded = getCookie(c, instance.config.storageKey) ?? '';
      // Compare, never print, the cookie values.
      return c.json({ name: body.name, refreshed: forwarded !== '' && !cookie.includes(forwarded), other: getCookie(c, 'theme') ?? null });
    });
    const response = await app.request('/dashboard/items', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', cookie: `theme=dark; ${cookie}` },
      body: JSON.stringify({ name: 'first' }),
    });
    expect(await response.json()).toEqual({ name: 'first', refreshed: true, other: 'dark' });
    expect(response.headers.getSetCookie()).toHaveLength(1);
  });
});

describe('cookies reach the browser whatever the app answers', () => {
  it("keeps the app's own Set-Cookie next to the session cookie", async () => {
    const { instance, expiredCookie } = await setup();
    const app = new Hono().use('*', lockstep(instance)).get('/dashboard', () => new Response('raw', { headers: { 'set-cookie': 'theme=dark; Path=/' } }));
    const response = await app.request('/dashboard', { headers: { ...navigate, cookie: await expiredCookie() } });
    const names = response.headers.getSetCookie().map((line) => line.split('=')[0]);
    expect(names).toEqual(['theme', instance.config.storageKey]);
    expect(response.headers.get('cache-control')).toContain('no-store');
  });

  it('an app onError that answers with an immutable Response.redirect()', async () => {
    const { instance, expiredCookie } = await setup();
    const app = new Hono().use('*', lockstep(instance)).get('/dashboard', () => {
      throw new Error('boom');
    });
    app.onError(() => Response.redirect('http://app.test/oops', 302));
    const response = await app.request('/dashboard', { headers: { ...navigate, cookie: await expiredCookie() } });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('http://app.test/oops');
    expect(response.headers.getSetCookie()).toHaveLength(1);
    expect(response.headers.get('cache-control')).toContain('no-store');
  });

  it('a proxied fetch() response (immutable headers) with its own Set-Cookie and public caching', async () => {
    const upstream = createServer((_req, res) => res.writeHead(200, { 'set-cookie': 'upstream=1; Path=/', 'cache-control': 'public, max-age=600' }).end('proxied'));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = upstream.address() as AddressInfo;
      const { instance, expiredCookie } = await setup();
      const app = new Hono().use('*', lockstep(instance)).get('/dashboard', () => fetch(`http://127.0.0.1:${port}/`));
      const response = await app.request('/dashboard', { headers: { ...navigate, cookie: await expiredCookie() } });
      expect(await response.text()).toBe('proxied');
      expect(response.headers.getSetCookie().map((line) => line.split('=')[0])).toEqual(['upstream', instance.config.storageKey]);
      expect(response.headers.get('cache-control')).toContain('no-store');
    } finally {
      upstream.closeAllConnections();
      await new Promise((resolve) => upstream.close(resolve));
    }
  });

  it('an HTTPException that carries its own response', async () => {
    const { instance, expiredCookie } = await setup();
    const app = new Hono().use('*', lockstep(instance)).get('/dashboard', () => {
      throw new HTTPException(401, { res: new Response('custom', { status: 401, headers: { 'cache-control': 'public, max-age=600' } }) });
    });
    const response = await app.request('/dashboard', { headers: { ...navigate, cookie: await expiredCookie() } });
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('custom');
    expect(response.headers.getSetCookie()).toHaveLength(1);
    // The core's no-store replaces the app's public caching on a response that writes auth cookies.
    expect(response.headers.get('cache-control')).toContain('no-store');
  });

  it('an unexpected error becomes a 500 that still carries the refreshed cookie', async () => {
    const { instance, expiredCookie } = await setup();
    const app = new Hono().use('*', lockstep(instance)).get('/dashboard', () => {
      throw new TypeError('bug');
    });
    app.onError((_error, c) => c.text('failed', 500));
    const response = await app.request('/dashboard', { headers: { ...navigate, cookie: await expiredCookie() } });
    expect(response.status).toBe(500);
    expect(response.headers.getSetCookie()).toHaveLength(1);
  });
});

describe('requireUser()', () => {
  it('is a misuse error without the middleware in front of it', async () => {
    const app = new Hono().get('/x', requireUser(), (c) => c.text('never'));
    let caught: unknown;
    app.onError((error, c) => {
      caught = error;
      return c.text('misuse', 500);
    });
    expect((await app.request('/x')).status).toBe(500);
    expect(caught).toMatchObject({ code: 'ERR_CONFIG_INVALID' });
  });

  it('answers 503 while the auth server cannot confirm a user-mode session', async () => {
    const { instance, mock, validCookie } = await setup();
    const app = new Hono().use('*', lockstep(instance)).get('/guarded', requireUser('user'), (c) => c.text('in'));
    const cookie = await validCookie();
    mock.controls.fail('user', { kind: 'status', status: 503 });
    const response = await app.request('/guarded', { headers: { accept: 'application/json', cookie } });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: 'auth_unavailable', reason: 'server_error' });
  });
});
