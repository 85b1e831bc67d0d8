// C18, continued: handlers that set their own Cache-Control, and (Next.js) Server Actions that carry auth cookies.
import { describe, expect, it } from 'vitest';
import type { ContractEnv } from '../environment.js';
import { FIXTURE_USER, TOKEN_LIFETIME } from '../fixture.js';
import { parseSetCookies } from '../session-cookies.js';

const PRIVATE_NO_STORE = /\bprivate\b.*\bno-store\b|\bno-store\b.*\bprivate\b/;

/**
 * Routes of the fixture used here:
 * - GET `/own/cache-control` (capability `ownCacheControlRoute`): the handler's own cacheable
 *   `Cache-Control` and `Vary`;
 * - Next fixtures (capability `nextInternals`): GET `/actions`, a protected page whose first form's
 *   action returns `{ user }` and whose second form's action (`#theme`) sets a `theme` cookie of
 *   its own through `cookies()`; GET `/guarded/session`, a public page with the forms `#sign-in`
 *   (email, password; the adapter's password sign-in, redirecting to `afterSignInPath`) and
 *   `#sign-out` (the adapter's sign-out, redirecting to the login page).
 */
export function cacheHeaderScenarios(env: ContractEnv): void {
  const TREE = { 'next-router-state-tree': encodeURIComponent(JSON.stringify(['', { children: ['__PAGE__', {}] }, null, null, true])) };
  /** The Server Action ids of a page's forms, in document order. */
  const actionIds = async (path: string, cookie?: string): Promise<string[]> => {
    const page = await env.send(path, cookie === undefined ? {} : { cookie });
    expect(page.status).toBe(200);
    const ids = [...(await page.text()).matchAll(/\$ACTION_ID_([0-9a-f]+)/g)].map((match) => match[1] ?? '');
    expect(ids.length, `the forms of ${path} carry their action ids`).toBeGreaterThan(0);
    return ids;
  };
  /** A Server Action as Next's client router calls it (JavaScript on): `Next-Action`, no arguments. */
  const fetchAction = (path: string, id: string, cookie?: string): Promise<Response> =>
    env.send(path, {
      method: 'POST',
      as: 'api',
      serverAction: true,
      headers: { 'next-action': id, accept: 'text/x-component', 'content-type': 'text/plain;charset=UTF-8', origin: env.origin, ...TREE },
      body: '[]',
      ...(cookie === undefined ? {} : { cookie }),
    });
  /** A Server Action as a plain HTML form posts it (JavaScript off): multipart with the `$ACTION_ID_` field. */
  const formAction = (path: string, id: string, fields: Readonly<Record<string, string>>): Promise<Response> => {
    const boundary = 'lockstep-contract-boundary';
    const parts = Object.entries({ [`$ACTION_ID_${id}`]: '', ...fields }).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
    return env.send(path, {
      method: 'POST',
      serverAction: true,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, origin: env.origin, 'sec-fetch-site': 'same-origin' },
      body: `${parts.join('')}--${boundary}--\r\n`,
    });
  };
  /** What C18 requires of a Server Action response that sets cookies, given the adapter's capability. */
  const expectActionCacheControl = (response: Response): void => {
    const expected = env.capabilities.serverActionCacheControl;
    const cacheControl = response.headers.get('cache-control') ?? '';
    expect(cacheControl).toMatch(/\bno-store\b/);
    if (expected === undefined) expect(cacheControl).toMatch(PRIVATE_NO_STORE);
    else expect(cacheControl, "the framework's own value (documented)").toBe(expected);
  };

  // Registered only where the adapter serves the route or has Server Actions, so a run lists what ran.
  const registered = env.capabilities.ownCacheControlRoute === true || env.capabilities.nextInternals === true;
  if (registered) describe('C18 no-store on every response that writes auth cookies, whatever the handler or framework sets', () => {
    if (env.capabilities.ownCacheControlRoute === true) it("a handler's own cacheable Cache-Control does not survive a cookie write", async () => {
      const { session } = await env.signIn();
      await env.advance(TOKEN_LIFETIME + 1);
      const response = await env.send('/own/cache-control', { cookie: env.cookieFor(session) });
      expect(response.status).toBe(200);
      expect(response.headers.getSetCookie()).toHaveLength(1);
      const cacheControl = response.headers.get('cache-control') ?? '';
      expect(cacheControl).toMatch(PRIVATE_NO_STORE);
      expect(cacheControl).not.toMatch(/\bpublic\b|\bs-maxage\b|\bmax-age=[1-9]/);
      expect(response.headers.get('vary') ?? '').toMatch(/\bCookie\b/i);
    });

    if (env.capabilities.nextInternals === true) describe('Server Actions', () => {
      it('an action on an expired session: refreshed once before it runs; the cookie and no-store reach the browser', async () => {
        const { cookie } = await env.signIn();
        const [whoAmI = ''] = await actionIds('/actions', cookie);
        await env.advance(TOKEN_LIFETIME + 1);
        env.backend.resetCounters();
        const response = await fetchAction('/actions', whoAmI, cookie);
        expect(response.status).toBe(200);
        expect(await response.text()).toContain('"user"');
        expect(env.backend.calls('refresh')).toBe(1);
        expect(parseSetCookies(response.headers.getSetCookie()).map(({ name }) => name)).toEqual([env.cookieName]);
        expectActionCacheControl(response);
      });

      it('an action that sets a cookie of its own after the refresh: both cookies reach the browser', async () => {
        const { cookie } = await env.signIn();
        const [, theme = ''] = await actionIds('/actions', cookie);
        await env.advance(TOKEN_LIFETIME + 1);
        const response = await fetchAction('/actions', theme, cookie);
        expect(response.status).toBe(200);
        expect(parseSetCookies(response.headers.getSetCookie()).map(({ name }) => name).sort()).toEqual([env.cookieName, 'theme'].sort());
        expectActionCacheControl(response);
      });

      it('the password sign-in action (a plain form post): 303 with the session cookie', async () => {
        const [signIn = ''] = await actionIds('/guarded/session');
        const response = await formAction('/guarded/session', signIn, { email: FIXTURE_USER.email, password: FIXTURE_USER.password });
        expect(response.status).toBe(303);
        expect(env.location(response)).toBe('/dashboard');
        expect(parseSetCookies(response.headers.getSetCookie()).filter((line) => !line.deletes).map(({ name }) => name)).toEqual([env.cookieName]);
        expectActionCacheControl(response);
      });

      it('the sign-out action (client router): the cookie cleared, the action redirect to login', async () => {
        const { cookie } = await env.signIn();
        const [, signOut = ''] = await actionIds('/guarded/session', cookie);
        const response = await fetchAction('/guarded/session', signOut, cookie);
        // Next 16 answers an action's redirect with 200, Next 15 with 303; both without Location.
        expect([200, 303]).toContain(response.status);
        expect(response.headers.get('location')).toBeNull();
        expect(response.headers.get('x-action-redirect')).toBe('/login;push');
        const lines = parseSetCookies(response.headers.getSetCookie());
        expect(lines.length).toBeGreaterThan(0);
        expect(lines.every((line) => line.deletes)).toBe(true);
        expectActionCacheControl(response);
      });
    });
  });
}
