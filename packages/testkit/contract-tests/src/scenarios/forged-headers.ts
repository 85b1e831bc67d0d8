// C30: a framework-internal header sent by an anonymous client never reaches protected code.
import { describe, expect, it } from 'vitest';
import type { ContractEnv } from '../environment.js';

const ACTION_ID = 'ab'.repeat(21);

export function forgedHeaderScenarios(env: ContractEnv): void {
  /**
   * The answer must be a denial, whatever form the framework gives it: a redirect to login, Next's
   * action redirect (200 + `x-action-redirect`, empty body), or a 401 — never the handler's probe.
   */
  const expectDenied = async (response: Response, page: string): Promise<void> => {
    const body = await response.text();
    expect(body, 'the protected handler did not run').not.toContain('"route"');
    const actionRedirect = response.headers.get('x-action-redirect');
    if (actionRedirect !== null) {
      expect(response.status).toBe(200);
      expect(actionRedirect).toBe(`/login?next=${encodeURIComponent(page)};push`);
      expect(body).toBe('');
      return;
    }
    if (response.status === 401) return;
    expect([303, 307]).toContain(response.status);
    expect(env.location(response)).toBe(`/login?next=${encodeURIComponent(page)}`);
  };

  describe('C30 a forged Next-Action or framework header never reaches a protected handler', () => {
    it.each([
      ['a protected handler outside /api', '/dashboard', 'document'],
      ['a protected handler outside /api, as a fetch', '/dashboard/settings', 'api'],
      ['an API route', '/api/me', 'api'],
    ] as const)('POST with Next-Action to %s, anonymous → denied', async (_name, path, as) => {
      const response = await env.send(path, {
        method: 'POST',
        as,
        headers: { 'next-action': ACTION_ID, accept: 'text/x-component', 'content-type': 'text/plain;charset=UTF-8' },
        body: '[]',
      });
      if (path.startsWith('/api/')) expect(response.status).toBe(401);
      await expectDenied(response, path);
    });

    it('the same with an expired, unrenewable session → denied, cookies cleared', async () => {
      const { session } = await env.signIn();
      const cookie = env.cookieFor({ ...session, refreshToken: 'aaaaaaaaaaaa', expiresAt: 1 });
      const response = await env.send('/dashboard', { method: 'POST', cookie, headers: { 'next-action': ACTION_ID }, body: '[]' });
      await expectDenied(response, '/dashboard');
    });
  });
}
