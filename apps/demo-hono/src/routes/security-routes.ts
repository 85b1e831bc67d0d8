// /settings/security: enrol a TOTP factor or step up to aal2 at the auth server, then write the raised session to the cookies.
import { sanitizeReturnTo } from '@lockstep/core';
import { requireUser } from '@lockstep/hono';
import { Hono, type Context } from 'hono';
import { csrf } from 'hono/csrf';
import { signedIn, type DemoDeps, type DemoEnv } from '../demo-env.js';
import { securityPage } from '../views/security-page.js';

const HOME = '/settings/security';

/**
 * `GET /settings/security` (the instance's `stepUpPath`), `POST /settings/security/enrol` and
 * `POST /settings/security/verify`. The page is `user`-verified, so the user object lists the
 * factors. A verify swaps the session's refresh token at the auth server: the new session is
 * written to the cookies at once, or the old refresh token would be spent on a revoked family.
 */
export function securityRoutes(deps: DemoDeps): Hono<DemoEnv> {
  const { totp, sessions } = deps;
  const app = new Hono<DemoEnv>();
  app.use(`${HOME}/*`, csrf());

  app.get(HOME, requireUser('user'), (c) => c.html(securityPage({ auth: signedIn(c), next: returnTo(c.req.query('next')), requirement: c.req.query('requirement') ?? null })));

  app.post(`${HOME}/enrol`, requireUser('user'), async (c) => {
    const auth = signedIn(c);
    const next = returnTo(await formField(c, 'next'));
    const enrolment = await totp.enrol(auth.session.accessToken);
    if (enrolment.kind === 'rejected') return c.html(securityPage({ auth, next, requirement: null, error: enrolment.message }), 422);
    return c.html(securityPage({ auth, next, requirement: null, enrolment }));
  });

  app.post(`${HOME}/verify`, requireUser('user'), async (c) => {
    const auth = signedIn(c);
    const form = await c.req.parseBody();
    const next = returnTo(typeof form.next === 'string' ? form.next : undefined);
    const factorId = typeof form.factorId === 'string' ? form.factorId : '';
    const code = typeof form.code === 'string' ? form.code.trim() : '';
    const result = await totp.verify(auth.session.accessToken, factorId, code);
    const plan = result.kind === 'verified' ? sessions.write(c.req.raw, result.session) : null;
    if (plan === null) {
      const error = result.kind === 'rejected' ? result.message : 'The auth server sent an unexpected answer.';
      return c.html(securityPage({ auth, next, requirement: null, pendingFactorId: factorId, error }), 422);
    }
    const response = new Response(null, { status: 303, headers: { location: next ?? HOME } });
    for (const cookie of plan.setCookie) response.headers.append('Set-Cookie', cookie);
    for (const [name, value] of plan.headers) response.headers.set(name, value);
    return response;
  });

  return app;
}

/** The return-to, when it is a safe local path (the core's check); never back to this page's own posts. */
function returnTo(value: string | undefined): string | null {
  const target = sanitizeReturnTo(value ?? null);
  return target === null || target.startsWith(`${HOME}/`) ? null : target;
}

async function formField(c: Context<DemoEnv>, name: string): Promise<string | undefined> {
  const value = (await c.req.parseBody())[name];
  return typeof value === 'string' ? value : undefined;
}
