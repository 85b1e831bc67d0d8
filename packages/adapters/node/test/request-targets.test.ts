// What reaches the core from Node's request target: the raw path a framework routes on, or a 400.
import { describe, expect, it } from 'vitest';
import { lockstep } from '../src/index.js';
import { NOT_DELIVERED } from './router-agreement.js';
import { sendRaw, setup, withServer } from './support.js';

describe('request targets', () => {
  it('Node itself refuses raw non-ASCII, space and control bytes in the target (what NOT_DELIVERED models)', async () => {
    await withServer((_req, res) => res.end('served'), async (origin) => {
      for (const target of [Buffer.from('/café', 'utf8'), Buffer.from('/a b'), Buffer.from('/\u212Ait', 'utf8'), Buffer.from('/a\u0001')]) {
        expect(NOT_DELIVERED.test(target.toString('latin1'))).toBe(true);
        expect((await sendRaw(origin, target)).status, target.toString('latin1')).toBe(400);
      }
      expect((await sendRaw(origin, '/caf%C3%A9')).status).toBe(200);
    });
  });

  it('answers 400 to targets a URL parser would rewrite, other target forms, and a Host that is not a host; never reaches the app', async () => {
    const { instance } = await setup({ routes: [{ match: '/**', access: 'public' }] });
    const auth = lockstep(instance);
    let reached = 0;
    await withServer((req, res) => auth(req, res, () => {
      reached++;
      res.end('app');
    }), async (origin) => {
      const refused = ['/admin/../blog', '/admin/%2e%2E/x', '/a/./b', '/a/.', '/a\\b', 'http://other.example/blog', '*'];
      for (const target of refused) {
        const { status, head } = await sendRaw(origin, target);
        expect(status, target).toBe(400);
        expect(head).toMatch(/cache-control: private, no-store/i);
      }
      for (const host of ['evil@app.example', 'a/b', 'a b']) expect((await sendRaw(origin, '/blog', { Host: host })).status, host).toBe(400);
      expect(reached).toBe(0);
      expect((await sendRaw(origin, '/blog/..x/%2e%2ex?q=/../')).status).toBe(200); // not dot segments
      expect(reached).toBe(1);
    });
  });
});
