// A Bearer request's auth: the access token checked like a cookie's in the route's mode, never refreshed, never mixed with another user's cookie session.
import type { RequestCookie } from '../cookies/request-cookies.js';
import { emit, type EventHandler } from '../events.js';
import type { VerifyMode } from '../routes/route-rule.js';
import { failedCheckAuth } from '../session/failed-check.js';
import type { AuthState } from '../session/session.js';
import type { SessionProvider } from '../session/session-provider.js';
import { checkOperation, checkReport } from '../trace/call-reports.js';
import { timedCall } from '../trace/timed-call.js';
import type { BearerCredential } from './bearer-token.js';

/**
 * Checks a Bearer access token in `mode` (at least `claims`: a header is never trusted unverified)
 * and returns the request's auth. An expired token is `session_expired` (the client refreshes it
 * itself: Lockstep holds no refresh token for it). A valid token whose user differs from the user of
 * a session cookie on the same request is `ambiguous_session`: one request, one user.
 *
 * @example
 * const auth = await resolveBearer(provider, credential, cookies, 'claims', now, onEvent);
 */
export async function resolveBearer(
  provider: SessionProvider,
  credential: Exclude<BearerCredential, { kind: 'none' }>,
  cookies: readonly RequestCookie[],
  mode: VerifyMode,
  now: number,
  onEvent: EventHandler | undefined,
): Promise<AuthState> {
  if (credential.kind === 'malformed') return { kind: 'anonymous', reason: 'invalid_token' };
  const { token } = credential;
  const peeked = provider.peekToken(token);
  if (peeked === null) return { kind: 'anonymous', reason: 'invalid_token' };
  if (peeked.exp <= now) return { kind: 'anonymous', reason: 'session_expired' };
  const verify: VerifyMode = mode === 'session' ? 'claims' : mode;
  const session = { accessToken: token, refreshToken: '', expiresAt: peeked.exp, user: null };
  // A client's token, checked exactly as a cookie's would be in this mode.
  const source = { kind: 'cookie', mode: verify } as const;
  const check = await timedCall(onEvent, checkOperation(verify), () => provider.check(session, source, now), checkReport(verify));
  if (check.kind !== 'valid') return failedCheckAuth(check);
  const cookieUser = await cookieSubject(provider, cookies, now);
  if (cookieUser !== null && cookieUser !== check.user.id) return { kind: 'anonymous', reason: 'ambiguous_session' };
  emit(onEvent, { type: 'session.verified', mode: verify, cached: check.cached, userId: check.user.id });
  return { kind: 'authenticated', session, user: check.user, claims: check.claims, verifiedBy: verify, refreshed: false, credential: 'bearer' };
}

/** The user a session cookie on the request names (unverified: it can only make the answer stricter). */
async function cookieSubject(provider: SessionProvider, cookies: readonly RequestCookie[], now: number): Promise<string | null> {
  if (cookies.length === 0) return null;
  const read = await provider.readSession(cookies, now);
  if (read.kind !== 'present') return null;
  return provider.peekToken(read.session.accessToken)?.sub ?? read.session.user?.id ?? null;
}
