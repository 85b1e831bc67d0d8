// Starts a magic-link sign-in (PKCE) so `/auth/callback` has something real to complete.
import { parseRequestCookies } from '@lockstep/core/cookies';
import { createServerClient, serializeCookieHeader } from '@supabase/ssr';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import type { DemoDeps, DemoEnv } from '../demo-env.js';
import { describeRejection, loginPage } from '../views/login-page.js';
import { magicLinkSentPage } from '../views/magic-link-page.js';

/**
 * `POST /login/magic-link`. Lockstep has no helper to *start* a PKCE flow, so a short-lived
 * @supabase/ssr client does it: it stores the code verifier in the cookie Lockstep's
 * `exchangeCode()` reads back on `/auth/callback`. It writes no session cookie.
 */
export function magicLinkRoutes(deps: DemoDeps): Hono<DemoEnv> {
  const { config } = deps.lockstep;
  const app = new Hono<DemoEnv>();
  const { project } = deps;
  app.use('/login/magic-link', csrf());

  app.post('/login/magic-link', async (c) => {
    const form = await c.req.parseBody();
    const email = typeof form.email === 'string' ? form.email : '';
    const next = typeof form.next === 'string' && form.next !== '' ? form.next : null;
    const verifierCookies: string[] = [];
    const supabase = createServerClient(project.url, project.key, {
      cookieOptions: { name: config.storageKey },
      cookies: {
        getAll: () => parseRequestCookies(c.req.header('cookie') ?? null).map(({ name, value }) => ({ name, value })),
        setAll: (cookies) => {
          for (const { name, value, options } of cookies) verifierCookies.push(serializeCookieHeader(name, value, options));
        },
      },
    });
    // The return-to rides on the callback URL; the core validates it there like any other.
    const callback = new URL(config.callbackPath, c.req.url);
    if (next !== null) callback.searchParams.set(config.returnToParam, next);
    const { error } = await supabase.auth.signInWithOtp({ email, options: { emailRedirectTo: callback.href, shouldCreateUser: false } });
    if (error !== null) {
      return c.html(loginPage({ next, email, error: describeRejection(error.code ?? 'otp_failed'), ...(deps.demoUser === undefined ? {} : { demoUser: deps.demoUser }) }), 400);
    }
    for (const cookie of verifierCookies) c.header('Set-Cookie', cookie, { append: true });
    return c.html(magicLinkSentPage(email, deps.latestMagicLink?.(email) ?? null));
  });

  return app;
}
