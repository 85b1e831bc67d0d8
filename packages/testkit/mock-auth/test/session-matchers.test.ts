// toCarryRefreshedSession / toClearSession on responses written by @supabase/ssr itself (a real refresh,
// a real sign-out), and each way they must fail; useMockAuth runs one mock for this file.
import { createServerClient, serializeCookieHeader } from '@supabase/ssr';
import { describe, expect, it } from 'vitest';
import { authCookieWrites, sessionCookies, signedIn, storedSession, type NameValue } from '../src/testing/index.js';
import { sessionMatchers, useMockAuth } from '../src/vitest/index.js';

expect.extend(sessionMatchers);

const ADA = { email: 'ada@example.com', password: 'correct-horse-1' };
const GRACE = { email: 'grace@example.com', password: 'correct-horse-2' };
const mock = useMockAuth({ users: [ADA, GRACE] });

/** A response carrying what @supabase/ssr writes while `act` runs on a server client holding `cookies`. */
async function ssrResponse(cookies: readonly NameValue[], act: (client: ReturnType<typeof createServerClient>) => Promise<unknown>): Promise<Response> {
  const headers = new Headers();
  const client = createServerClient(mock().url, mock().anonKey, {
    cookies: {
      getAll: () => [...cookies],
      setAll: (written) => {
        for (const { name, value, options } of written) headers.append('set-cookie', serializeCookieHeader(name, value, options));
      },
    },
  });
  await act(client);
  return new Response(null, { headers });
}

const withSetCookie = (...lines: string[]): Response => {
  const headers = new Headers();
  for (const line of lines) headers.append('set-cookie', line);
  return new Response(null, { headers });
};

describe('toCarryRefreshedSession', () => {
  it('passes on a refresh @supabase/ssr wrote, for the same user with a rotated token', async () => {
    const before = await signedIn(mock(), { email: ADA.email });
    const response = await ssrResponse(before.cookies, (client) => client.auth.refreshSession());
    expect(response).toCarryRefreshedSession(before);
    expect(response).toCarryRefreshedSession({ userId: mock().controls.findUser(ADA.email)?.id ?? 'missing' });
    expect(response).toCarryRefreshedSession();
    expect(response).not.toClearSession();
  });

  it('passes on a large session written back in chunks (unchanged chunks left out, as @supabase/ssr does)', async () => {
    const user = mock().controls.createUser({ email: `big-${String(Date.now())}@example.com`, userMetadata: { bio: 'x'.repeat(6000) } });
    const before = await signedIn(mock(), { email: user.email });
    const response = await ssrResponse(before.cookies, (client) => client.auth.refreshSession());
    expect(authCookieWrites(response.headers).written.size).toBeLessThan(before.cookies.length);
    expect(response).toCarryRefreshedSession(before);
    // Without the cookies it started from, the response alone holds only part of the session.
    expect(() => expect(response).toCarryRefreshedSession(before.session)).toThrow(/do not hold a readable session/);
  });

  it('fails when no auth cookie is written', () => {
    expect(() => expect(withSetCookie('theme=dark; Path=/')).toCarryRefreshedSession()).toThrow('its Set-Cookie writes no auth cookie');
    expect(() => expect(new Response(null)).toCarryRefreshedSession()).toThrow(/writes no auth cookie/);
  });

  it('fails when the old session is written back (no rotation), and names no token', async () => {
    const before = await signedIn(mock(), { email: ADA.email });
    const response = withSetCookie(...before.cookies.map(({ name, value }) => `${name}=${value}; Path=/; Max-Age=34560000`));
    let message = '';
    try {
      expect(response).toCarryRefreshedSession(before);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('the old refresh token (no rotation)');
    expect(message).not.toContain(before.session.refresh_token);
    expect(message).not.toContain(before.session.access_token);
  });

  it("fails on another user's session", async () => {
    const ada = await signedIn(mock(), { email: ADA.email });
    const grace = await signedIn(mock(), { email: GRACE.email });
    const response = withSetCookie(...grace.cookies.map(({ name, value }) => `${name}=${value}; Path=/`));
    expect(() => expect(response).toCarryRefreshedSession(ada)).toThrow(`is for user ${String(grace.session.user.id)}, not ${String(ada.session.user.id)}`);
  });

  it('fails on a torn chunk set or an unreadable value', async () => {
    const large = mock().controls.createUser({ email: `torn-${String(Date.now())}@example.com`, userMetadata: { bio: 'y'.repeat(6000) } });
    const { cookies } = await signedIn(mock(), { email: large.email });
    const torn = withSetCookie(...cookies.slice(1).map(({ name, value }) => `${name}=${value}; Path=/`));
    expect(() => expect(torn).toCarryRefreshedSession()).toThrow(/do not hold a readable session/);
    expect(() => expect(withSetCookie('sb-127-auth-token=base64-bm90IGpzb24; Path=/')).toCarryRefreshedSession()).toThrow(/do not hold a readable session/);
  });

  it('passes `.not` when nothing is written, and fails it when a session is', async () => {
    expect(new Response(null)).not.toCarryRefreshedSession();
    const before = await signedIn(mock(), { email: ADA.email });
    const response = await ssrResponse(before.cookies, (client) => client.auth.refreshSession());
    expect(() => expect(response).not.toCarryRefreshedSession(before)).toThrow('expected the response not to carry a refreshed session, but it does');
  });
});

describe('toClearSession', () => {
  it('passes on a sign-out @supabase/ssr wrote', async () => {
    const before = await signedIn(mock(), { email: ADA.email });
    const response = await ssrResponse(before.cookies, (client) => client.auth.signOut());
    expect(response).toClearSession();
    expect(response).not.toCarryRefreshedSession();
  });

  it('counts Expires in the past and an empty value as deletions', () => {
    expect(withSetCookie('sb-127-auth-token=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT')).toClearSession();
    expect(withSetCookie('sb-127-auth-token.0=; Path=/', 'sb-127-auth-token.1=; Path=/')).toClearSession();
  });

  it('fails when nothing is deleted, or when a session is still written', async () => {
    expect(() => expect(new Response(null)).toClearSession()).toThrow('its Set-Cookie deletes no auth cookie');
    expect(() => expect(withSetCookie('other=; Max-Age=0')).toClearSession()).toThrow(/deletes no auth cookie/);
    const { cookies } = await signedIn(mock(), { email: ADA.email });
    const response = withSetCookie('sb-127-auth-token.1=; Max-Age=0', ...cookies.map(({ name, value }) => `${name}=${value}; Path=/`));
    expect(() => expect(response).toClearSession()).toThrow('its Set-Cookie still writes sb-127-auth-token');
    expect(() => expect(withSetCookie('sb-127-auth-token=; Max-Age=0')).not.toClearSession()).toThrow('expected the response not to clear the session, but it deletes sb-127-auth-token');
  });

  it('takes Headers as well as a Response, and refuses anything else', () => {
    expect(withSetCookie('sb-127-auth-token=; Max-Age=0').headers).toClearSession();
    expect(() => expect('a string').toClearSession()).toThrow('expected a Response (or its Headers)');
  });
});

describe('storedSession', () => {
  it('reads plain-JSON (older @supabase/ssr) values too, and refuses two projects at once', async () => {
    const { session } = await signedIn(mock(), { email: ADA.email });
    const plain = new Map([['sb-127-auth-token', encodeURIComponent(JSON.stringify(session))]]);
    expect(storedSession(plain)).toEqual({ accessToken: session.access_token, refreshToken: session.refresh_token, userId: session.user.id });
    const twoProjects = new Map([...sessionCookies(session, mock().url), ...sessionCookies(session, 'https://abcdefgh.supabase.co')].map(({ name, value }) => [name, value]));
    expect(storedSession(twoProjects)).toBeNull();
  });
});

describe('useMockAuth', () => {
  it('runs one mock for the file, reachable over HTTP', async () => {
    const response = await fetch(`${mock().url}/auth/v1/settings`, { headers: { apikey: mock().anonKey } });
    expect(response.status).toBe(200);
  });
});
