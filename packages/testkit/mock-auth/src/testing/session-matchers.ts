// Matchers for `expect.extend` (Vitest and Jest share the shape): does a response carry a refreshed
// session, or clear it? Messages name cookies and users, never a token or a cookie value.
import { authCookieWrites, storedSession } from './auth-set-cookies.js';

/** What a matcher returns to `expect`. */
export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

/**
 * The session a test started from: a `signedIn()` result, a session body, or just the user's id.
 * With `cookies` (as `signedIn()` gives), the response's writes apply over them: @supabase/ssr
 * leaves out chunks whose value did not change.
 */
export type SessionBefore =
  | { readonly session: SessionBody; readonly cookies?: readonly { readonly name: string; readonly value: string }[] }
  | SessionBody
  | { readonly userId: string };

/** A session body as the auth server returns it (`signedIn().session`, supabase-js's `Session`). */
export interface SessionBody {
  readonly refresh_token: string;
  readonly user: { readonly id?: unknown };
}

/** The matchers' names and arguments, for the assertion interfaces (`declare module 'vitest'`). */
export interface SessionMatchers<R = unknown> {
  /**
   * The response's `Set-Cookie` writes a complete session; given `before`, for the same user with a
   * new refresh token (a rotation, not the old session written back).
   */
  toCarryRefreshedSession(before?: SessionBefore): R;
  /** The response's `Set-Cookie` deletes the auth cookies and writes none. */
  toClearSession(): R;
}

function headersOf(received: unknown): Headers {
  if (received instanceof Response) return received.headers;
  if (received instanceof Headers) return received;
  throw new TypeError('expected a Response (or its Headers)');
}

function userAndToken(before: SessionBefore): { userId: string; refreshToken?: string } {
  if ('userId' in before) return { userId: before.userId };
  const session = 'session' in before ? before.session : before;
  if (typeof session.user.id !== 'string') throw new TypeError('the session before has no user id');
  return { userId: session.user.id, refreshToken: session.refresh_token };
}

/**
 * The matchers: `expect.extend(sessionMatchers)` once (in a setup file or at the top of a test file).
 *
 * @example
 * expect.extend(sessionMatchers);
 * expect(await app.fetch(request)).toCarryRefreshedSession(signedInBefore);
 */
export const sessionMatchers = {
  toCarryRefreshedSession(received: unknown, before?: SessionBefore): MatcherResult {
    const { written, deleted } = authCookieWrites(headersOf(received));
    const jar = new Map(before !== undefined && 'cookies' in before ? before.cookies?.map(({ name, value }) => [name, value]) : []);
    for (const name of deleted) jar.delete(name);
    for (const [name, value] of written) jar.set(name, value);
    const after = storedSession(jar);
    const wanted = before === undefined ? undefined : userAndToken(before);
    let problem: string | null = null;
    if (written.size === 0) problem = 'its Set-Cookie writes no auth cookie';
    else if (after === null) problem = `its auth cookies (${[...written.keys()].join(', ')}) do not hold a readable session`;
    else if (wanted !== undefined && after.userId !== wanted.userId) problem = `the session it writes is for user ${after.userId}, not ${wanted.userId}`;
    else if (wanted?.refreshToken !== undefined && after.refreshToken === wanted.refreshToken) problem = 'the session it writes has the old refresh token (no rotation)';
    return {
      pass: problem === null,
      message: () => (problem === null ? 'expected the response not to carry a refreshed session, but it does' : `expected the response to carry a refreshed session, but ${problem}`),
    };
  },

  toClearSession(received: unknown): MatcherResult {
    const { written, deleted } = authCookieWrites(headersOf(received));
    let problem: string | null = null;
    if (written.size > 0) problem = `its Set-Cookie still writes ${[...written.keys()].join(', ')}`;
    else if (deleted.size === 0) problem = 'its Set-Cookie deletes no auth cookie';
    return {
      pass: problem === null,
      message: () => (problem === null ? `expected the response not to clear the session, but it deletes ${[...deleted].join(', ')}` : `expected the response to clear the session, but ${problem}`),
    };
  },
};
