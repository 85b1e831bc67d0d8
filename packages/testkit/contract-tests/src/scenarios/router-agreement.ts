// C31: the route table and the framework's router agree, so a case variant never downgrades the verify mode.
import { describe, expect, it } from 'vitest';
import { probeOf, type ContractEnv } from '../environment.js';
import { FIXTURE_USER } from '../fixture.js';

/**
 * `/admin/**` asks the auth server (`user` mode). A router that ignores case (React Router, Remix)
 * serves its admin route for `/ADMIN` too; before C31 Lockstep matched no rule there and checked
 * the token only locally (`claims`), so a session revoked server-side still reached admin pages.
 * A case-sensitive router (Hono, Next.js) serves no route for `/ADMIN`: a 404 is its answer.
 */
export function routerAgreementScenarios(env: ContractEnv): void {
  const revokeAll = (): void => {
    env.backend.revokeUser(FIXTURE_USER.email);
  };
  const variants = ['/ADMIN', '/Admin/users', '/%41dmin', '/aDmIn/x/y'];

  // The admin route's `user` mode is what a case variant must not escape: it needs a user endpoint.
  if (env.backend.capabilities.userEndpoint) describe('C31 router agreement: a case variant of a user-mode route', () => {
    it.each(variants)('%s with a revoked session never reaches the admin route', async (path) => {
      const { cookie } = await env.signIn();
      expect((await probeOf(await env.send('/admin', { cookie }))).route).toBe('admin');
      revokeAll();
      const response = await env.send(path, { cookie });
      if (response.status === 404) return; // a case-sensitive router has no route for it
      expect([303, 307]).toContain(response.status);
      expect(env.location(response)).toMatch(/^\/login\?next=/);
      const api = await env.send(path, { cookie, as: 'api' });
      expect([401, 404]).toContain(api.status);
    });

    it.each(variants)('%s with a live session is answered by the admin route or by none', async (path) => {
      const { cookie, session } = await env.signIn();
      const response = await env.send(path, { cookie });
      if (response.status === 404) return;
      const probe = await probeOf(response);
      expect(probe.route).toBe('admin');
      expect(probe.user?.id).toBe(session.user.id);
    });

    it('caseSensitive: false (set as an option) is honoured by every adapter: Lockstep itself denies /ADMIN', async () => {
      const app = await env.startApp({ caseSensitive: false });
      const { cookie } = await env.signIn();
      revokeAll();
      const response = await env.send('/ADMIN', { cookie, app });
      expect([303, 307]).toContain(response.status);
      expect(env.location(response, app)).toBe(`/login?next=${encodeURIComponent('/ADMIN')}`);
      expect((await env.send('/ADMIN', { cookie, app, as: 'api' })).status).toBe(401);
    });
  });
}
