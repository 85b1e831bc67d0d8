// C23 for Next.js (capability `nextInternals`): RSC and prefetch requests, Server Actions, and a forged middleware-bypass header.
import { describe, expect, it } from 'vitest';
import type { ContractEnv } from '../environment.js';
import { TOKEN_LIFETIME } from '../fixture.js';

/**
 * Extra routes of a Next fixture (README, "Next internals"):
 * - GET `/actions`: a protected page (deny by default) with a `<form>` whose Server Action calls the
 *   adapter's action guard and returns its denial body, or `{ user: <id> }` when signed in;
 * - GET `/guarded/view`: a page behind the public `/guarded/**` rule, protected only by the
 *   adapter's server guard for pages (redirect to login with return-to).
 */
export function nextInternalsScenarios(env: ContractEnv): void {
  const TREE = { 'next-router-state-tree': encodeURIComponent(JSON.stringify(['', { children: ['__PAGE__', {}] }, null, null, true])) };
  const RSC = { rsc: '1', ...TREE };
  /**
   * The `_rsc` cache-busting value Next expects for these headers (it answers a wrong one with its
   * own 307 to the right one; the value depends on the headers only), learned on a public path.
   */
  const rscQuery = async (headers: Record<string, string>): Promise<string> => {
    const response = await env.send('/api/health?_rsc=0', { headers });
    const location = response.headers.get('location');
    return location === null ? '_rsc=0' : `_rsc=${new URL(location, 'http://x').searchParams.get('_rsc') ?? ''}`;
  };
  /** The Server Action id of `/actions`' form, read from the page a signed-in user gets. */
  const actionId = async (cookie: string): Promise<string> => {
    const page = await env.send('/actions', { cookie });
    expect(page.status).toBe(200);
    const id = /\$ACTION_ID_([0-9a-f]+)/.exec(await page.text())?.[1];
    expect(id, 'the form carries its action id').toBeDefined();
    return id ?? '';
  };
  const callAction = (id: string, cookie?: string): Promise<Response> =>
    env.send('/actions', {
      method: 'POST',
      as: 'api',
      // What the client router sends: no `RSC` header on an action, the tree and the action id.
      headers: { 'next-action': id, accept: 'text/x-component', 'content-type': 'text/plain;charset=UTF-8', ...TREE },
      body: '[]',
      ...(cookie === undefined ? {} : { cookie }),
    });

  // Registered only where the adapter has the capability, so a run lists what ran.

  if (env.capabilities.nextInternals === true) describe('C23 Next.js framework internals', () => {
    it.each([
      ['an RSC navigation', RSC],
      ['a router prefetch', { ...RSC, 'next-router-prefetch': '1' }],
      ['a segment prefetch', { ...RSC, 'next-router-prefetch': '1', 'next-router-segment-prefetch': '/_tree' }],
    ])('%s of a protected page, anonymous → a same-origin login redirect', async (_name, headers) => {
      const response = await env.send(`/dashboard?${await rscQuery(headers)}`, { headers });
      expect([303, 307]).toContain(response.status);
      // Next strips `_rsc` before the proxy runs: the return-to is the page itself.
      expect(env.location(response)).toBe('/login?next=%2Fdashboard');
      expect(response.headers.getSetCookie()).toEqual([]);
    });

    it('an RSC request with an expired session is refreshed once; the cookies reach the browser', async () => {
      const { cookie } = await env.signIn();
      const query = await rscQuery(RSC);
      await env.advance(TOKEN_LIFETIME + 1);
      env.backend.resetCounters();
      const response = await env.send(`/dashboard?${query}`, { headers: RSC, cookie });
      expect(response.status).toBe(200);
      expect(env.backend.calls('refresh')).toBe(1);
      expect(response.headers.getSetCookie()).toHaveLength(1);
    });

    it('an anonymous Server Action on a protected page gets Next\'s action redirect to login; the action never runs', async () => {
      const { cookie } = await env.signIn();
      const id = await actionId(cookie);
      const anonymous = await callAction(id);
      expect(anonymous.status).toBe(200);
      expect(anonymous.headers.get('location')).toBeNull();
      expect(anonymous.headers.get('x-action-redirect')).toBe('/login?next=%2Factions;push');
      expect(await anonymous.text()).toBe('');
    });

    it('a signed-in Server Action runs and sees its user', async () => {
      const { cookie } = await env.signIn();
      const response = await callAction(await actionId(cookie), cookie);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('"user"');
    });

    it('a GET carrying a Next-Action header is a plain page request: still redirected', async () => {
      const response = await env.send('/dashboard', { headers: { 'next-action': '00'.repeat(20) } });
      expect([303, 307]).toContain(response.status);
    });

    it.each([
      ['without forged headers', {}],
      ['with a forged x-middleware-subrequest', { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' }],
      ['with the middleware variant', { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' }],
    ])('a page protected only by the server guard, %s → login redirect with return-to', async (_name, headers) => {
      const response = await env.send('/guarded/view?tab=2', { headers });
      expect([303, 307]).toContain(response.status);
      expect(env.location(response)).toBe('/login?next=%2Fguarded%2Fview%3Ftab%3D2');
    });

    it('the server-guarded page lets the signed-in user in', async () => {
      const { cookie } = await env.signIn();
      const response = await env.send('/guarded/view', { cookie });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('ada@example.com');
    });
  });
}
