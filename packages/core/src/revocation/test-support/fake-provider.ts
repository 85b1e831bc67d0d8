// A provider whose tokens are readable: `signed.<base64url claims JSON>` verifies, anything else is forged.
// Enough backend to drive the engine's revocation paths with an injected clock.
import type { CookieAttributes, CookieWrite } from '../../cookies/cookie-write.js';
import type { RequestCookie } from '../../cookies/request-cookies.js';
import type { RefreshResult } from '../../refresh/refresh-result.js';
import type { Session, SessionClaims } from '../../session/session.js';
import type { SessionProvider, TokenCheck } from '../../session/session-provider.js';

export const COOKIE = 'fake-session';

/** What the fake does and counts; tests change `refreshAnswer` and read the counters. */
export interface FakeBackend {
  readonly provider: SessionProvider;
  /** The answer to every refresh; `null`: issue a new token of the same session at the refresh time. */
  refreshAnswer: RefreshResult | null;
  userChecks: number;
  refreshes: number;
}

export function accessToken(claims: SessionClaims, signed = true): string {
  const payload = btoa(JSON.stringify(claims)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${signed ? 'signed' : 'forged'}.${payload}`;
}

/** The `Cookie` header of a session for `claims` (refresh token `r-<sub>|<session_id>`). */
export function sessionCookie(claims: SessionClaims, signed = true): string {
  const session: Session = { accessToken: accessToken(claims, signed), refreshToken: `r-${claims.sub}|${String(claims.session_id ?? '')}`, expiresAt: claims.exp, user: { id: claims.sub, raw: {} } };
  return `${COOKIE}=${encodeURIComponent(JSON.stringify(session))}`;
}

function decode(token: string): SessionClaims | null {
  try {
    const payload = token.slice(token.indexOf('.') + 1).replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(payload)) as SessionClaims;
    return typeof claims.sub === 'string' && typeof claims.exp === 'number' ? claims : null;
  } catch {
    return null;
  }
}

export function createFakeBackend(lifetime = 3600): FakeBackend {
  const backend: FakeBackend = {
    refreshAnswer: null,
    userChecks: 0,
    refreshes: 0,
    provider: {
      cookieName: COOKIE,
      authUrl: 'https://auth.invalid/',
      refusalCodes: ['invalid_grant'],
      async readSession(cookies: readonly RequestCookie[]) {
        const cookie = cookies.find((candidate) => candidate.name === COOKIE);
        if (cookie === undefined) return { kind: 'none' };
        try {
          return { kind: 'present', session: JSON.parse(cookie.value) as Session };
        } catch {
          return { kind: 'malformed', reason: 'bad_json' };
        }
      },
      planWrite(cookies: readonly RequestCookie[], session: Session | null, attributes: CookieAttributes): CookieWrite[] {
        if (session !== null) return [{ name: COOKIE, value: JSON.stringify(session), attributes }];
        return cookies.some((cookie) => cookie.name === COOKIE) ? [{ name: COOKIE, value: '', attributes: { ...attributes, maxAge: 0 } }] : [];
      },
      async refresh(refreshToken: string, now: number): Promise<RefreshResult> {
        backend.refreshes += 1;
        if (backend.refreshAnswer !== null) return backend.refreshAnswer;
        const [sub = '', sessionId = ''] = refreshToken.slice(2).replace(/\+*$/, '').split('|');
        const claims: SessionClaims = { sub, ...(sessionId === '' ? {} : { session_id: sessionId }), iat: now, exp: now + lifetime };
        return { kind: 'refreshed', session: { accessToken: accessToken(claims), refreshToken: `${refreshToken}+`, expiresAt: claims.exp, user: { id: claims.sub, raw: {} } } };
      },
      async check(session: Session, source, now): Promise<TokenCheck> {
        const claims = decode(session.accessToken);
        if (claims === null) return { kind: 'rejected', reason: 'invalid_token' };
        if (source.kind === 'cookie' && source.mode === 'user') backend.userChecks += 1;
        const verified = source.kind === 'issued' || source.mode === 'session' || session.accessToken.startsWith('signed.');
        if (!verified || claims.exp <= now) return { kind: 'rejected', reason: 'invalid_token' };
        return { kind: 'valid', claims, user: { id: claims.sub, raw: {} }, cached: false };
      },
      peekToken(token: string) {
        const claims = decode(token);
        return claims === null ? null : { exp: claims.exp, sub: claims.sub, ...(claims.iat === undefined ? {} : { iat: claims.iat }) };
      },
      async endSession() {
        return { kind: 'ok' };
      },
    },
  };
  return backend;
}
