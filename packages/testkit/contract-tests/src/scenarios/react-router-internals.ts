// C23 for React Router (framework mode): single-fetch `.data` requests are the client router's
// navigations and submissions; they get the same decisions as documents, in a form the client decodes.
import { describe, expect, it } from 'vitest';
import type { ContractEnv, SendInit } from '../environment.js';
import { FIXTURE_USER, TOKEN_LIFETIME } from '../fixture.js';
import { parseSetCookies } from '../session-cookies.js';

/** Headers of the `fetch()` React Router's client makes for a `.data` request. */
const SINGLE_FETCH = { accept: '*/*', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' } as const;

export function reactRouterInternalsScenarios(env: ContractEnv): void {
  const fetchData = (path: string, init: Omit<SendInit, 'as' | 'headers'> = {}): Promise<Response> => env.send(path, { ...init, as: 'api', headers: SINGLE_FETCH });
  /** The redirect a single-fetch response tells the client router to follow (its turbo-stream payload carries the location as a string). */
  const expectClientRedirect = async (response: Response, location: string): Promise<void> => {
    expect(response.status, 'single-fetch redirects are 202 + a payload, not a 3xx the fetch would follow').toBe(202);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain(JSON.stringify(location));
  };

  // Registered only where the adapter has the capability, so a run lists what ran.

  if (env.capabilities.reactRouterSingleFetch) describe('C23 React Router single-fetch (.data) requests', () => {
    it('an anonymous navigation to a protected page → a client redirect to login with the page (not the .data URL) as return-to', async () => {
      const response = await fetchData('/dashboard/reports.data?year=2025');
      await expectClientRedirect(response, '/login?next=%2Fdashboard%2Freports%3Fyear%3D2025');
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(env.backend.calls('all')).toBe(0);
    });

    it('the login page and the home page (/_.data) stay reachable: the .data suffix is not part of the path the rules see', async () => {
      for (const path of ['/login.data', '/_.data']) {
        const response = await fetchData(path);
        expect(response.status, path).toBe(200);
        expect(response.headers.get('content-type'), path).toMatch(/^text\/x-script/);
      }
    });

    it('an expired session: one refresh, the cookies on the decodable 200, the loader sees the new token', async () => {
      const { session, cookie } = await env.signIn();
      await env.advance(TOKEN_LIFETIME + 1);
      env.backend.resetCounters();
      const response = await fetchData('/dashboard.data', { cookie });
      expect(response.status).toBe(200);
      expect(env.backend.calls('refresh')).toBe(1);
      const lines = parseSetCookies(response.headers.getSetCookie());
      expect(lines.map((line) => [line.name, line.deletes])).toEqual([[env.cookieName, false]]);
      expect(response.headers.get('cache-control')).toMatch(/\bprivate\b/);
      const body = await response.text();
      expect(body).toContain('"dashboard"');
      expect(body).toContain(session.user.id);
    });

    it('a signed-in user navigating to /login → a client redirect to the return-to, carrying the refreshed cookies', async () => {
      const { cookie } = await env.signIn();
      await env.advance(TOKEN_LIFETIME + 1);
      const response = await fetchData(`/login.data?next=${encodeURIComponent('/dashboard/billing')}`, { cookie });
      expect(response.headers.getSetCookie()).toHaveLength(1);
      await expectClientRedirect(response, '/dashboard/billing');
    });

    it('a rejected refresh → a client redirect to login that clears the cookies', async () => {
      const { cookie } = await env.signIn();
      env.backend.revokeUser(FIXTURE_USER.email);
      await env.advance(TOKEN_LIFETIME + 1);
      const response = await fetchData('/dashboard.data', { cookie });
      const lines = parseSetCookies(response.headers.getSetCookie());
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((line) => line.deletes)).toBe(true);
      await expectClientRedirect(response, '/login?next=%2Fdashboard');
    });

    it('an anonymous form submission (POST .data) → a client redirect to login, never a replayed POST', async () => {
      const response = await fetchData('/dashboard.data', { method: 'POST', body: 'a=1' });
      await expectClientRedirect(response, '/login?next=%2Fdashboard');
    });
  });
}
