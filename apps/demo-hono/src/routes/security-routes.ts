// /settings/security: enrol a TOTP factor at the auth server, or step up to aal2 through `lockstep.verifyFactor`, which writes the raised session.
import { capabilityOf, sanitizeReturnTo, toWebResponse } from '@lockstep/core';
import { factorError } from '@lockstep/demo-kit/assurance';
import { requireUser } from '@lockstep/hono';
import { Hono, type Context } from 'hono';
import { csrf } from 'hono/csrf';
import { signedIn, type DemoDeps, type DemoEnv } from '../demo-env.js';
import { securityPage } from '../views/security-page.js';

const HOME = '/settings/security';

/**
 * `GET /settings/security` (the instance's `stepUpPath`), `POST /settings/security/enrol` and
 * `POST /settings/security/verify`. The page is `user`-verified, so the user object lists the
 * factors. `verifyFactor` checks the code with the current session and answers with the redirect
 * that writes the raised (aal2) session: the auth server swapped the refresh token, so it must go
 * out at once.
 */
export function securityRoutes(deps: DemoDeps): Hono<DemoEnv> {
  const { totp } = deps;
  const verifyFactor = capabilityOf(deps.lockstep, 'verifyFactor');
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
    const result = await verifyFactor(c.req.raw, { factorId, code, returnTo: next ?? HOME });
    if (result.kind === 'signed_in') return toWebResponse(result.redirect);
    return c.html(securityPage({ auth, next, requirement: null, pendingFactorId: factorId, error: factorError(result) }), 422);
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
