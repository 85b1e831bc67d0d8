// The JSON API: the signed-in user (by cookie or Bearer token), a public health check and public webhooks.
import { defaultRoles } from '@lockstep/core';
import { requireUser } from '@lockstep/hono';
import { Hono } from 'hono';
import { signedIn, type DemoDeps, type DemoEnv } from '../demo-env.js';

const WEBHOOK_MAX_BYTES = 64 * 1024;

/** `/api/me`, `/api/profile`, `/api/health` and `POST /api/webhooks/:name`. */
export function apiRoutes(deps: DemoDeps): Hono<DemoEnv> {
  const app = new Hono<DemoEnv>();

  app.get('/api/me', requireUser(), (c) => {
    const { user, claims, verifiedBy, refreshed } = signedIn(c);
    return c.json({
      user: { id: user.id, email: user.email ?? null, role: user.role ?? null },
      verifiedBy,
      refreshed,
      expiresAt: claims.exp,
      now: Math.floor(deps.now()),
    });
  });

  // Also for API clients: `Authorization: Bearer <access token>` works here without cookies (none are written),
  // and an expired token gets 401 with `WWW-Authenticate: Bearer … error="invalid_token"`.
  app.get('/api/profile', requireUser(), (c) => {
    const { user, claims, credential } = signedIn(c);
    return c.json({ user: { id: user.id, email: user.email ?? null }, aal: claims.aal ?? null, credential: credential ?? 'cookie', roles: defaultRoles(claims) });
  });

  app.get('/api/health', (c) => c.json({ ok: true }));

  app.post('/api/webhooks/:name', async (c) => {
    // Public and session-free: a real app would check the sender's signature here instead.
    const body = await c.req.text();
    if (body.length > WEBHOOK_MAX_BYTES) return c.json({ error: 'payload_too_large' }, 413);
    return c.json({ received: c.req.param('name'), bytes: body.length }, 202);
  });

  return app;
}
