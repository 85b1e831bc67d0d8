// C36: route requirements (aal2, recent sign-in, roles, claims) decided by the middleware of every adapter, on verified claims.
import { describe, expect, it } from 'vitest';
import { probeOf, type ContractEnv } from '../environment.js';
import { STEP_UP_PATH } from '../fixture.js';

export function requirementScenarios(env: ContractEnv): void {
  describe('C36 route requirements', () => {
    it('aal2: an aal1 session is sent to the step-up page with return-to; an aal2 session passes', async () => {
      const { cookie } = await env.signIn();
      const page = await env.send('/dashboard/mfa-only/invoices?tab=2', { cookie });
      expect([303, 307]).toContain(page.status);
      expect(env.location(page)).toBe(`${STEP_UP_PATH}?next=%2Fdashboard%2Fmfa-only%2Finvoices%3Ftab%3D2&requirement=aal`);
      const stepped = await env.signIn({ aal2: true });
      expect(await probeOf(await env.send('/dashboard/mfa-only/invoices', { cookie: stepped.cookie }))).toMatchObject({ route: 'dashboard', user: { id: stepped.session.user.id } });
    });

    it('aal2: a data request gets 401 with the RFC 9470 challenge, never a login redirect', async () => {
      const { cookie } = await env.signIn();
      const response = await env.send('/dashboard/mfa-only/data', { cookie, as: 'api' });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="lockstep", error="insufficient_user_authentication", acr_values="aal2"');
      expect(await response.json()).toEqual({ error: 'unauthorized', reason: 'insufficient_user_authentication', requirement: 'aal' });
      expect(response.headers.get('cache-control')).toMatch(/no-store/);
    });

    it('aal2: an anonymous request is still sent to login first', async () => {
      const response = await env.send('/dashboard/mfa-only/x');
      expect(env.location(response)).toBe('/login?next=%2Fdashboard%2Fmfa-only%2Fx');
    });

    it('recentSignIn: passes within the window, asks for a new sign-in after it (also after a refresh)', async () => {
      const { cookie } = await env.signIn();
      expect((await env.send('/dashboard/recent/delete', { cookie, as: 'api' })).status).toBe(200);
      await env.advance(601);
      const stale = await env.send('/dashboard/recent/delete', { cookie, as: 'api' });
      expect(stale.status).toBe(401);
      expect(stale.headers.get('www-authenticate')).toContain('max_age=600');
      await env.advance(3600);
      const refreshed = await env.send('/dashboard/recent/delete', { cookie });
      expect(env.location(refreshed)).toBe(`${STEP_UP_PATH}?next=%2Fdashboard%2Frecent%2Fdelete&requirement=recent_sign_in`);
      expect(refreshed.headers.getSetCookie().length, 'the refresh is still delivered with the step-up redirect').toBeGreaterThan(0);
    });

    it('roles: the role in app_metadata lets in; without it 403, for pages and data alike, never a login loop', async () => {
      const staff = await env.signIn({ appMetadata: { roles: ['staff'] } });
      expect((await probeOf(await env.send('/dashboard/staff/rota', { cookie: staff.cookie }))).route).toBe('dashboard');
      const other = await env.signIn({ appMetadata: { roles: ['guest'] } });
      const data = await env.send('/dashboard/staff/rota', { cookie: other.cookie, as: 'api' });
      expect(data.status).toBe(403);
      expect(await data.json()).toEqual({ error: 'forbidden', reason: 'insufficient_role', requirement: 'roles' });
      expect((await env.send('/dashboard/staff/rota', { cookie: other.cookie })).status).toBe(403);
    });

    it('claims: app_metadata.plan must match', async () => {
      const pro = await env.signIn({ appMetadata: { plan: 'pro' } });
      expect((await env.send('/dashboard/plan-pro/report', { cookie: pro.cookie, as: 'api' })).status).toBe(200);
      const free = await env.signIn({ appMetadata: { plan: 'free' } });
      const denied = await env.send('/dashboard/plan-pro/report', { cookie: free.cookie, as: 'api' });
      expect(denied.status).toBe(403);
      expect(await denied.json()).toMatchObject({ reason: 'insufficient_claims', requirement: 'claims' });
    });
  });
}
