// The physical floor of a cached `claims` check: the least work any middleware must do per request.
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { API_PATH, PAGE_PATH } from './apps.js';

interface FloorEnv {
  Variables: { floorUserId: string | null };
}

/**
 * An app behind a 20-line middleware that does only what a verified-token cache cannot skip: find
 * the session cookie, decode it (base64url + JSON), hash the access token (native SHA-256) and look
 * the hash up, checking `exp`. No routing, chunks, cookie-tossing defence, refresh, events or
 * validation: not a usable middleware, a lower bound to print next to Lockstep. The first sight of
 * a token stands in for a verification (the benchmark measures only hits).
 */
export function floorApp(storageKey: string, now: () => number = () => Date.now() / 1000): Hono<FloorEnv> {
  const verified = new Map<string, { sub: string; exp: number }>();
  const prefix = `${storageKey}=base64-`;
  const app = new Hono<FloorEnv>();
  app.use('*', async (c, next) => {
    const header = c.req.raw.headers.get('cookie') ?? '';
    const start = header.indexOf(prefix);
    let userId: string | null = null;
    if (start !== -1) {
      const end = header.indexOf(';', start);
      const value = header.slice(start + prefix.length, end === -1 ? undefined : end);
      const session = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { access_token: string; user: { id: string } };
      const key = createHash('sha256').update(session.access_token).digest('base64url');
      let claims = verified.get(key);
      if (claims === undefined) {
        claims = { sub: session.user.id, exp: now() + 3600 };
        verified.set(key, claims);
      }
      if (claims.exp > now()) userId = claims.sub;
    }
    if (userId === null) return c.json({ error: 'unauthorized' }, 401);
    c.set('floorUserId', userId);
    await next();
  });
  app.get(PAGE_PATH, (c) => c.json({ id: c.var.floorUserId }));
  app.get(API_PATH, (c) => c.json({ id: c.var.floorUserId }));
  return app;
}
