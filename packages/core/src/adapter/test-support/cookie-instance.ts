// A real instance over a provider whose session is one plain cookie (`stub-session=<access token>`):
// the token `good` verifies, any other is rejected; password `right` signs in. For tests of what
// adapters build from the engine's answers, without a JWT or an auth server.
import { createCookiePlan, type CookieAttributes, type CookieWrite } from '../../cookies/cookie-write.js';
import type { RequestCookie } from '../../cookies/request-cookies.js';
import { createLockstep } from '../../lockstep.js';
import type { LockstepOptions } from '../../options.js';
import type { ContinueOutcome } from '../../outcome.js';
import type { Session } from '../../session/session.js';
import { stubProviderInstance } from '../../session/test-support/stub-provider.js';

const FAR = 4_102_444_800; // 2100-01-01, in seconds
const USER = { id: 'user-1', email: 'a@example.test', raw: {} };

export const ATTRIBUTES: CookieAttributes = { path: '/', sameSite: 'lax', secure: true, httpOnly: false, maxAge: 3600 };

function session(accessToken: string): Session {
  return { accessToken, refreshToken: 'refresh', expiresAt: FAR, user: USER };
}

/** `options`: engine options on top of the defaults (a route table, `debug`, `onEvent`, …). */
export function cookieInstance(overrides: { unavailable?: boolean } = {}, options: Partial<Omit<LockstepOptions, 'provider'>> = {}) {
  return createLockstep({
    provider: () => ({
      ...stubProviderInstance(),
      readSession: (cookies: readonly RequestCookie[]) => {
        const cookie = cookies.find(({ name }) => name === 'stub-session');
        return Promise.resolve(cookie === undefined ? { kind: 'none' as const } : { kind: 'present' as const, session: session(cookie.value) });
      },
      planWrite: (_cookies: readonly RequestCookie[], next: Session | null, attributes: CookieAttributes): CookieWrite[] => [
        next === null ? { name: 'stub-session', value: '', attributes: { ...attributes, maxAge: 0 } } : { name: 'stub-session', value: next.accessToken, attributes },
      ],
      check: (current: Session) => {
        if (overrides.unavailable === true) return Promise.resolve({ kind: 'unavailable' as const, cause: 'network' as const });
        return Promise.resolve(
          current.accessToken === 'good' ? { kind: 'valid' as const, claims: { sub: USER.id, exp: FAR }, user: USER, cached: false } : { kind: 'rejected' as const, reason: 'invalid_token' },
        );
      },
      peekToken: () => ({ exp: FAR, sub: USER.id }),
      signInWithPassword: (credentials: { readonly password: string }) =>
        Promise.resolve(credentials.password === 'right' ? { kind: 'granted' as const, session: session('good') } : { kind: 'rejected' as const, code: 'invalid_credentials' }),
    }),
    routes: [{ match: '/', access: 'public' }],
    ...options,
  });
}

/** A `continue` outcome over a real cookie plan: the request's cookies, then `writes` applied. */
export function continueOutcome(requestCookies: readonly RequestCookie[], writes: readonly CookieWrite[]): ContinueOutcome {
  const plan = createCookiePlan(requestCookies, writes);
  return { kind: 'continue', auth: { kind: 'anonymous', reason: 'no_session' }, route: null, requestCookieHeader: plan.requestCookieHeader, cookies: plan, headers: plan.headers };
}
