// Sign-in, sign-out and the OAuth/magic-link callback: the core does the work, these render its results.
import { toWebResponse, type SignInResult } from '@lockstep/core';
import { exchangeCode, signInWithPassword, signOut } from '@lockstep/hono';
import { Hono, type Context } from 'hono';
import { csrf } from 'hono/csrf';
import type { DemoDeps, DemoEnv } from '../demo-env.js';
import { describeRejection, loginPage, type LoginPageProps } from '../views/login-page.js';

const UNAVAILABLE = 'The auth server cannot be reached right now. Please try again in a moment.';

/** `/login` (GET form, POST sign-in), `/logout` (POST; `scope=global` signs out everywhere) and `/auth/callback`. */
export function authRoutes(deps: DemoDeps): Hono<DemoEnv> {
  const { lockstep, demoUser } = deps;
  const app = new Hono<DemoEnv>();
  const demo = demoUser === undefined ? {} : { demoUser };
  // Form posts that change who is signed in must come from our own pages (login and logout CSRF).
  app.use('/login', csrf());
  app.use('/logout', csrf());

  app.get('/login', (c) => c.html(loginPage({ next: c.req.query('next') ?? null, ...demo })));

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const email = field(form.email);
    const next = field(form.next);
    const result = await signInWithPassword(c, { email, password: field(form.password), returnTo: next === '' ? null : next });
    return renderSignIn(c, result, { next, email, ...demo });
  });

  app.post('/logout', async (c) => {
    // `scope=global` ("sign out everywhere") ends every session of the user; anything else only this one.
    const scope = (await c.req.parseBody()).scope === 'global' ? 'global' : 'local';
    // Cookies are cleared even when the auth server cannot be told (DESIGN C24); another site's post gets a 403.
    const { outcome } = await signOut(c, scope);
    return toWebResponse(outcome);
  });

  app.get('/auth/callback', async (c) => {
    const result = await exchangeCode(c);
    return renderSignIn(c, result, { next: c.req.query(lockstep.config.returnToParam) ?? null, ...demo });
  });

  return app;
}

function renderSignIn(c: Context<DemoEnv>, result: SignInResult, form: LoginPageProps): Response | Promise<Response> {
  switch (result.kind) {
    case 'signed_in':
      // The redirect carries the new session's cookies.
      return toWebResponse(result.redirect);
    case 'rejected':
      return c.html(loginPage({ ...form, error: describeRejection(result.reason) }), 401);
    case 'unavailable':
      return c.html(loginPage({ ...form, error: UNAVAILABLE }), 503, { 'Retry-After': '5' });
  }
}

function field(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
