// The scenarios that are about Supabase itself, registered only for the GoTrue backend: the `@supabase/ssr`
// cookie format (chunked with user metadata), a downstream supabase-js client, and GoTrue's refusal taxonomy.
import { createServerClient, parseCookieHeader } from '@supabase/ssr';
import { describe, expect, it } from 'vitest';
import { probeOf, type ContractEnv } from '../environment.js';
import { TOKEN_LIFETIME } from '../fixture.js';
import { nextCookieHeader, parseSetCookies, readSessionCookie, sessionCookieHeader } from '../session-cookies.js';

export function supabaseScenarios(env: ContractEnv): void {
  if (!env.backend.capabilities.supabaseWireFormat) return;

  describe('Supabase: @supabase/ssr interop and GoTrue specifics', () => {
    describe('C4 a downstream ssr client', () => {
      it('reads the refreshed session the handler received and does not refresh again', async () => {
        const { cookie } = await env.signIn();
        await env.advance(TOKEN_LIFETIME + 1);
        env.backend.resetCounters();
        const probe = await probeOf(await env.send('/dashboard', { cookie }));
        expect(env.backend.calls('refresh')).toBe(1);
        const downstream = createServerClient(env.mock.url, env.mock.anonKey, {
          cookies: { getAll: () => parseCookieHeader(probe.cookie).map(({ name, value }) => ({ name, value: value ?? '' })), setAll: () => undefined },
          global: { fetch: env.mock.fetch },
        });
        const { data } = await downstream.auth.getUser();
        expect(data.user?.id).toBe(probe.user?.id);
        expect(env.backend.calls('refresh')).toBe(1);
      });
    });

    describe('C17 large (chunked) sessions', () => {
      const BIG_EMAIL = 'grace@example.com';
      const bigUser = (): void => {
        env.mock.controls.createUser({ email: BIG_EMAIL, password: 'long-story-1', userMetadata: { bio: 'x'.repeat(2500) } });
      };

      it('reads a chunked session and writes the refreshed one in chunks', async () => {
        bigUser();
        const session = await env.mock.controls.issueSession(BIG_EMAIL);
        const cookie = sessionCookieHeader(env.cookieName, session);
        expect(cookie).toContain(`${env.cookieName}.1=`);
        expect((await probeOf(await env.send('/dashboard', { cookie }))).user?.id).toBe(session.user.id);
        await env.advance(TOKEN_LIFETIME + 1);
        const response = await env.send('/dashboard', { cookie });
        const written = parseSetCookies(response.headers.getSetCookie());
        expect(written.filter((line) => !line.deletes).map((line) => line.name)).toEqual(
          expect.arrayContaining([`${env.cookieName}.0`, `${env.cookieName}.1`]),
        );
        const next = nextCookieHeader(cookie, response.headers.getSetCookie());
        expect((await readSessionCookie(env.cookieName, next))?.user?.id).toBe(session.user.id);
      });

      it('deletes the stale chunks when the session shrinks', async () => {
        const session = await env.mock.controls.issueSession('ada@example.com');
        const padded = { ...session, user: { ...session.user, user_metadata: { bio: 'x'.repeat(6000) } } };
        const cookie = sessionCookieHeader(env.cookieName, padded);
        expect(cookie).toContain(`${env.cookieName}.1=`);
        await env.advance(TOKEN_LIFETIME + 1);
        const response = await env.send('/dashboard', { cookie });
        const lines = parseSetCookies(response.headers.getSetCookie());
        expect(lines.filter((line) => !line.deletes).map((line) => line.name)).toEqual([env.cookieName]);
        expect(lines.filter((line) => line.deletes).map((line) => line.name)).toEqual(
          expect.arrayContaining([`${env.cookieName}.0`, `${env.cookieName}.1`]),
        );
        expect(parseCookieHeader((await probeOf(response)).cookie).map(({ name }) => name)).toEqual([env.cookieName]);
      });
    });

    describe('C29 (GoTrue refusal taxonomy) a 4xx that is not a documented refusal keeps the session', () => {
      const foreign = [
        ['a gateway with a rotated key', 401, { message: 'Invalid API key' }],
        ['a bodyless 401', 401, undefined],
        ['a firewall', 403, { error: 'Forbidden' }],
        ['a misrouted proxy', 404, { message: 'no Route matched with those values' }],
        ['an unknown validation error', 400, { code: 'something_new', message: 'x' }],
        ['an unprocessable answer', 422, { message: 'x' }],
      ] as const;
      it.each(foreign)('on refresh: %s (%s) → 503, cookies kept, still signed in afterwards', async (_name, status, body) => {
        const { cookie } = await env.signIn();
        await env.advance(TOKEN_LIFETIME + 1);
        env.mock.controls.fail('token:refresh_token', { kind: 'foreign', status, ...(body === undefined ? {} : { body }) }, { times: 2 });
        const page = await env.send('/dashboard', { cookie });
        expect(page.status).toBe(503);
        expect(page.headers.getSetCookie()).toEqual([]);
        const api = await env.send('/api/me', { cookie, as: 'api' });
        expect(api.status).toBe(503);
        // A bodyless answer is unreadable (`protocol`); one with a body is a refusal nobody documented.
        expect(await api.json()).toEqual({ error: 'auth_unavailable', reason: body === undefined ? 'protocol' : 'unknown_refusal' });
        expect(api.headers.getSetCookie()).toEqual([]);
        // The gateway is fixed: the same cookies still hold the session.
        expect((await env.send('/api/me', { cookie, as: 'api' })).status).toBe(200);
      });
      it.each(foreign)('in user mode: %s (%s) → 503, cookies kept', async (_name, status, body) => {
        const { cookie } = await env.signIn();
        env.mock.controls.fail('user', { kind: 'foreign', status, ...(body === undefined ? {} : { body }) }, { times: 1 });
        const api = await env.send('/admin', { cookie, as: 'api' });
        expect(api.status).toBe(503);
        expect(api.headers.getSetCookie()).toEqual([]);
        expect((await env.send('/admin', { cookie, as: 'api' })).status).toBe(200);
      });
    });
  });
}
