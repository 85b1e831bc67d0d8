// Node mechanics of the adapter: creation, the forwarded Cookie header, and cookies on whatever the app writes.
import { LockstepError } from '@lockstep/core';
import express from 'express';
import Fastify from 'fastify';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import * as expressEntry from '../src/express.js';
import * as fastifyEntry from '../src/fastify.js';
import { getAuth, lockstep, requireUser } from '../src/index.js';
import { get, NAVIGATE, setup, withServer } from './support.js';

const names = (response: Response): string[] => response.headers.getSetCookie().map((line) => line.split('=')[0] ?? '');

/** A plain node:http app behind the generic middleware, answering with `write`. */
async function plainApp(write: (res: ServerResponse) => void, check: (origin: string, cookie: string, storageKey: string) => Promise<void>): Promise<void> {
  const { instance, expiredCookie } = await setup();
  const auth = lockstep(instance);
  const cookie = await expiredCookie();
  await withServer((req, res) => auth(req, res, () => write(res)), (origin) => check(origin, cookie, instance.config.storageKey));
}

describe('creation', () => {
  it('misconfiguration throws when the middleware is created, not on a request', () => {
    for (const create of [lockstep, expressEntry.lockstep, fastifyEntry.lockstep]) {
      expect(() => create({ supabaseUrl: 'not a url', supabaseKey: 'k' })).toThrow(LockstepError);
    }
  });

  it('each entry declares its router: the generic and Fastify ones exact, Express case- and slash-insensitive', () => {
    expect(expressEntry.EXPRESS_ROUTER).toEqual({ caseSensitive: false, trailingSlash: 'ignore' });
    expect(fastifyEntry.FASTIFY_ROUTER).toEqual({ caseSensitive: true, trailingSlash: 'strict' });
  });

  it('helpers and guards without the middleware in front are a misuse error', async () => {
    const errors: unknown[] = [];
    await withServer((req, res) => requireUser()(req, res, (error) => {
      errors.push(error);
      res.statusCode = 500;
      res.end();
    }), async (origin) => {
      expect((await fetch(`${origin}/x`)).status).toBe(500);
    });
    expect(errors).toEqual([expect.objectContaining({ code: 'ERR_CONFIG_INVALID' })]);
  });
});

describe('cookies reach the browser whatever the app writes (generic entry, plain node:http)', () => {
  it('setHeader + end, and the handler saw the refreshed Cookie header', async () => {
    let seen = '';
    await plainApp((res) => res.end('ok'), async (origin, cookie, key) => {
      const response = await fetch(`${origin}/dashboard`, { headers: { ...NAVIGATE, cookie } });
      expect(names(response)).toEqual([key]);
      expect(response.headers.get('cache-control')).toBe('private, no-cache, no-store, must-revalidate, max-age=0');
      seen = response.headers.get('vary') ?? '';
    });
    expect(seen).toMatch(/cookie/i);
  });

  it('headers passed to writeHead (object and flat array): Cache-Control replaced, Vary merged, other headers kept', async () => {
    for (const headers of [{ 'Cache-Control': 'public, max-age=600', Vary: 'Accept-Encoding', 'X-App': '1' }, ['Cache-Control', 'public, max-age=600', 'Vary', 'Accept-Encoding', 'X-App', '1']]) {
      await plainApp((res) => res.writeHead(200, 'Fine', headers).end('ok'), async (origin, cookie, key) => {
        const response = await fetch(`${origin}/dashboard`, { headers: { ...NAVIGATE, cookie } });
        expect(response.statusText).toBe('Fine');
        expect(names(response)).toEqual([key]);
        expect(response.headers.get('cache-control')).toMatch(/^private, .*no-store/);
        expect(response.headers.get('vary')).toBe('Accept-Encoding, Cookie');
        expect(response.headers.get('x-app')).toBe('1');
      });
    }
  });

  it("the app's own cookie of the same name wins, wherever it was set", async () => {
    const writes: ((res: ServerResponse, key: string) => void)[] = [
      (res, key) => res.setHeader('Set-Cookie', [`${key}=; Max-Age=0; Path=/`, 'theme=dark']).end(),
      (res, key) => res.writeHead(200, { 'Set-Cookie': `${key}=; Max-Age=0; Path=/` }).end(),
      (res, key) => res.writeHead(200, ['Set-Cookie', `${key}.0=app; Path=/`, 'Set-Cookie', 'theme=dark']).end(),
    ];
    for (const write of writes) {
      const { instance, expiredCookie } = await setup();
      const key = instance.config.storageKey;
      const auth = lockstep(instance);
      const cookie = await expiredCookie();
      await withServer((req, res) => auth(req, res, () => write(res, key)), async (origin) => {
        const response = await fetch(`${origin}/dashboard`, { headers: { ...NAVIGATE, cookie } });
        // Only the app's lines: none of the middleware's writes to that cookie family go out.
        expect(names(response).filter((name) => name.startsWith(key))).toHaveLength(1);
        expect(response.headers.get('cache-control')).toMatch(/no-store/);
      });
    }
  });

  it('nothing is added when no cookie changes (the hot path leaves writeHead alone)', async () => {
    const { instance, validCookie } = await setup();
    const auth = lockstep(instance);
    const cookie = await validCookie();
    await withServer((req, res) => auth(req, res, () => {
      res.end(String(res.writeHead === Object.getPrototypeOf(res).writeHead));
    }), async (origin) => {
      const response = await fetch(`${origin}/dashboard`, { headers: { ...NAVIGATE, cookie } });
      expect(await response.text()).toBe('true');
      expect(response.headers.getSetCookie()).toEqual([]);
    });
  });
});

describe('Express', () => {
  it('a guard inside a mounted router decides on the full path (req.originalUrl), not the router-relative req.url', async () => {
    const { instance } = await setup({ routes: [{ match: '/admin/**', access: 'public' }] });
    const app = express();
    app.use(expressEntry.lockstep(instance));
    const admin = express.Router();
    admin.get('/users', expressEntry.requireUser('user'), (_req, res) => void res.send('in'));
    app.use('/admin', admin);
    await withServer(app, async (origin) => {
      const response = await get(`${origin}/admin/users?tab=1`, NAVIGATE);
      expect(response.status).toBe(307);
      expect(response.headers.get('location')).toBe(`/login?next=${encodeURIComponent('/admin/users?tab=1')}`);
    });
  });

  it('an error handler that sets its own headers still sends the refreshed cookie; getAuth sees the user', async () => {
    const { instance, expiredCookie } = await setup();
    const app = express();
    app.use(expressEntry.lockstep(instance));
    app.get('/dashboard', (req) => {
      throw new Error(`boom for ${getAuth(req).user?.email ?? 'nobody'}`);
    });
    app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(500).set('Cache-Control', 'public, max-age=60').send(error.message);
    });
    await withServer(app, async (origin) => {
      const response = await fetch(`${origin}/dashboard`, { headers: { ...NAVIGATE, cookie: await expiredCookie() } });
      expect(response.status).toBe(500);
      expect(await response.text()).toBe('boom for ada@example.com');
      expect(names(response)).toEqual([instance.config.storageKey]);
      expect(response.headers.get('cache-control')).toMatch(/^private, .*no-store/);
    });
  });
});

describe('Fastify', () => {
  it("reply.header('set-cookie') of the session's name wins; the app's other cookies stay", async () => {
    const { instance, expiredCookie } = await setup();
    const key = instance.config.storageKey;
    const app = Fastify();
    app.addHook('onRequest', fastifyEntry.lockstep(instance));
    app.get('/dashboard', (_request, reply) => reply.header('set-cookie', `${key}=; Max-Age=0; Path=/`).header('set-cookie', 'theme=dark').send('out'));
    const origin = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const response = await fetch(`${origin}/dashboard`, { headers: { ...NAVIGATE, cookie: await expiredCookie() } });
      expect(names(response)).toEqual([key, 'theme']);
      expect(response.headers.getSetCookie()[0]).toMatch(/Max-Age=0/);
      expect(response.headers.get('cache-control')).toMatch(/no-store/);
    } finally {
      await app.close();
    }
  });

  it("a redirect the hook decides goes out through Fastify's reply (its onSend hooks run)", async () => {
    const { instance } = await setup();
    const app = Fastify();
    app.addHook('onRequest', fastifyEntry.lockstep(instance));
    app.addHook('onSend', async (_request, reply) => {
      reply.header('x-app-hook', 'ran');
    });
    app.get('/dashboard', () => 'never');
    const origin = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const response = await get(`${origin}/dashboard`, NAVIGATE);
      expect(response.status).toBe(307);
      expect(response.headers.get('location')).toBe('/login?next=%2Fdashboard');
      expect(response.headers.get('x-app-hook')).toBe('ran');
    } finally {
      await app.close();
    }
  });
});
