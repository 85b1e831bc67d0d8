// C25: the sign-in callback exchanges the PKCE code with the verifier cookie, sets the session and redirects safely.
import { createServerClient } from '@supabase/ssr';
import { describe, expect, it } from 'vitest';
import type { ContractEnv } from '../environment.js';
import { AFTER_SIGN_IN_PATH } from '../fixture.js';
import { parseSetCookies } from '../session-cookies.js';

/**
 * Starts an OAuth (PKCE) sign-in the way a browser client would, through the mock's fake provider,
 * and returns the callback path the provider sends the browser to plus the verifier cookie it holds.
 */
async function startPkceFlow(env: ContractEnv, next: string): Promise<{ callback: string; cookie: string }> {
  const jar = new Map<string, string>();
  const client = createServerClient(env.mock.url, env.mock.anonKey, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => cookies.forEach(({ name, value }) => (value === '' ? jar.delete(name) : jar.set(name, value))),
    },
  });
  const redirectTo = `http://app.invalid/auth/callback?next=${encodeURIComponent(next)}`;
  const { data, error } = await client.auth.signInWithOAuth({ provider: 'github', options: { redirectTo, skipBrowserRedirect: true, queryParams: { login_hint: 'octo@example.com' } } });
  if (error !== null || data.url === null) throw new Error('contract suite: the mock did not start an OAuth flow');
  let location = data.url;
  for (let hop = 0; hop < 5 && location.startsWith(env.mock.url); hop++) {
    location = (await fetch(location, { redirect: 'manual' })).headers.get('location') ?? '';
  }
  const landing = new URL(location);
  const cookie = [...jar].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; ');
  return { callback: landing.pathname + landing.search, cookie };
}

export function callbackScenarios(env: ContractEnv): void {
  // Registered only where the backend has an OAuth / PKCE callback (GoTrue; the token backend has none).
  if (env.backend.capabilities.callback) describe('C25 sign-in callback (PKCE)', () => {
    it('exchanges the code, sets the session cookies, clears the verifier and redirects to the return-to', async () => {
      const { callback, cookie } = await startPkceFlow(env, '/dashboard/settings');
      expect(callback).toMatch(/^\/auth\/callback\?.*code=/);
      const response = await env.send(callback, { cookie });
      expect([303, 307]).toContain(response.status);
      expect(env.location(response)).toBe('/dashboard/settings');
      expect(env.mock.controls.calls('token:pkce')).toBe(1);
      const lines = parseSetCookies(response.headers.getSetCookie());
      expect(lines.find((line) => line.name === env.cookieName)?.deletes).toBe(false);
      expect(lines.find((line) => line.name === `${env.cookieName}-code-verifier`)?.deletes).toBe(true);

      const session = lines.filter((line) => !line.deletes).map((line) => `${line.name}=${line.value}`).join('; ');
      expect((await env.send('/dashboard', { cookie: session })).status).toBe(200);
    });

    it.each(['//evil.com', 'https://evil.com/x', '/login', '/.//evil.com', '/%2e%2e//evil.com'])('sends the user to the default page for return-to %s (C20)', async (next) => {
      const { callback, cookie } = await startPkceFlow(env, next);
      const response = await env.send(callback, { cookie });
      expect(env.location(response)).toBe(AFTER_SIGN_IN_PATH);
    });

    it('refuses a code without its verifier cookie, and a replayed code, without writing a session', async () => {
      const { callback, cookie } = await startPkceFlow(env, '/dashboard');
      const withoutVerifier = await env.send(callback);
      expect(withoutVerifier.status).toBe(400);
      expect(await withoutVerifier.json()).toEqual({ error: 'missing_code_verifier' });
      expect(withoutVerifier.headers.getSetCookie()).toEqual([]);
      expect((await env.send(callback, { cookie })).status).toBeLessThan(400);
      const replay = await env.send(callback, { cookie });
      expect(replay.status).toBe(400);
      expect(parseSetCookies(replay.headers.getSetCookie()).some((line) => line.name === env.cookieName && !line.deletes)).toBe(false);
    });
  });
}
