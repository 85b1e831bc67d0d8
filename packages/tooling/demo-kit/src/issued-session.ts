// Writes a session the auth server issued to the app itself (an MFA verify) into the cookies, the way the instance writes its own.
import type { ProviderFactory, Session, SessionProvider } from '@lockstep/core';
import { createCookiePlan, parseRequestCookies, resolveCookieAttributes, type CookiePlan } from '@lockstep/core/cookies';
import type { Clock } from './auth-backend.js';

/** Turns a GoTrue session body into the cookie writes of one response. */
export interface IssuedSessions {
  /**
   * The cookie plan that replaces the request's session with `body` (GoTrue's token response, e.g.
   * from `POST /factors/:id/verify`), or `null` when `body` is not a session. Apply `plan.setCookie`
   * and `plan.headers` to the response.
   */
  write(request: Request, body: unknown): CookiePlan | null;
}

/**
 * Wraps the instance's provider factory so the demo can write an issued session with the very
 * provider (cookie name, encoding, chunking) and cookie attributes the instance uses. Lockstep has
 * no public operation that adopts a session the app obtained itself (its sign-in operations run the
 * grant themselves), so this is the supported pieces put together: the provider's `planWrite`,
 * `resolveCookieAttributes` and `createCookiePlan` from `@lockstep/core/cookies`. The demo sets no
 * `cookies` option, hence `resolveCookieAttributes(undefined, …)`.
 *
 * @example
 * const issued = captureProvider(withSupabase(options).provider, now);
 * const lockstep = createLockstep({ ...withSupabase(options), provider: issued.factory });
 * const plan = issued.sessions.write(request, await verifyResponse.json());
 */
export function captureProvider<P extends SessionProvider>(factory: ProviderFactory<P>, now: Clock): { factory: ProviderFactory<P>; sessions: IssuedSessions } {
  let provider: P | undefined;
  return {
    factory: (env) => (provider = factory(env)),
    sessions: {
      write(request, body) {
        if (provider === undefined) throw new Error('the instance has not built its provider yet');
        const session = toSession(body);
        if (session === null) return null;
        const cookies = parseRequestCookies(request.headers.get('cookie'));
        const attributes = resolveCookieAttributes(undefined, new URL(request.url));
        return createCookiePlan(cookies, provider.planWrite(cookies, session, attributes, Math.floor(now())));
      },
    },
  };
}

/** GoTrue's `{ access_token, refresh_token, expires_at, user }`, or null when a field is missing. */
function toSession(body: unknown): Session | null {
  if (typeof body !== 'object' || body === null) return null;
  const { access_token: accessToken, refresh_token: refreshToken, expires_at: expiresAt, user } = body as Record<string, unknown>;
  if (typeof accessToken !== 'string' || accessToken === '' || typeof refreshToken !== 'string' || refreshToken === '') return null;
  if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return null;
  const raw = typeof user === 'object' && user !== null ? (user as Record<string, unknown>) : null;
  const id = raw?.id;
  return {
    accessToken,
    refreshToken,
    expiresAt: Math.floor(expiresAt),
    user: raw === null || typeof id !== 'string' ? null : { id, ...(typeof raw.email === 'string' ? { email: raw.email } : {}), raw },
  };
}
