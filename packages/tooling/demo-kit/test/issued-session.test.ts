import { parseRequestCookies, resolveCookieOptions } from '@lockstep/core/cookies';
import { supabase } from '@lockstep/supabase';
import { describe, expect, it } from 'vitest';
import { captureProvider } from '../src/issued-session.js';

const NOW = 1_900_000_000;
const project = supabase({ supabaseUrl: 'http://127.0.0.1:54321', supabaseKey: 'sb_publishable_demo-kit-test' });

/** A provider built the way createLockstep builds it, and the writer around it. */
function writer() {
  const issued = captureProvider(project, () => NOW);
  const provider = issued.factory({ fetch: () => Promise.reject(new Error('no network in this test')), timeoutMs: 1000, cookies: resolveCookieOptions() });
  return { provider, sessions: issued.sessions };
}

const body = { access_token: 'header.payload.signature', refresh_token: 'raised-refresh', expires_at: NOW + 3600, user: { id: 'user-1', email: 'a@example.com' } };

describe('captureProvider', () => {
  it('writes an issued session as the instance provider would read it back', async () => {
    const { provider, sessions } = writer();
    const plan = sessions.write(new Request('http://127.0.0.1:3000/settings/security'), body);
    expect(plan).not.toBeNull();
    expect(plan?.setCookie.length).toBeGreaterThan(0);
    expect(plan?.setCookie.every((line) => line.startsWith(`${provider.cookieName}`))).toBe(true);
    // The browser's next request carries these cookies: the provider reads the same tokens back.
    const sent = parseRequestCookies(plan?.writes.map((w) => `${w.name}=${w.value}`).join('; ') ?? '');
    const read = await provider.readSession(sent, NOW);
    expect(read).toMatchObject({ kind: 'present', session: { accessToken: body.access_token, refreshToken: 'raised-refresh', expiresAt: NOW + 3600 } });
    expect(plan?.headers.length).toBeGreaterThan(0);
  });

  it('refuses what is not a session (an error body, missing tokens, no expiry) instead of writing it', () => {
    const { sessions } = writer();
    const request = new Request('http://127.0.0.1:3000/');
    for (const bad of [null, 'text', { error: 'mfa_verification_failed' }, { ...body, refresh_token: '' }, { ...body, access_token: 1 }, { ...body, expires_at: 'soon' }]) {
      expect(sessions.write(request, bad)).toBeNull();
    }
  });

  it('throws when used before the instance built its provider (a wiring mistake, not a request)', () => {
    const issued = captureProvider(project, () => NOW);
    expect(() => issued.sessions.write(new Request('http://127.0.0.1/'), body)).toThrow(/has not built its provider/);
  });
});
