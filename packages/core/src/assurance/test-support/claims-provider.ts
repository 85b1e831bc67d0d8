// Test provider: the session cookie holds the (already "verified") claims as base64url JSON, so a
// test states exactly what a verified token says. No signature: for the engine's decisions only.
import type { SessionClaims, SessionUser } from '../../session/session.js';
import type { SessionProvider } from '../../session/session-provider.js';
import { stubProviderInstance } from '../../session/test-support/stub-provider.js';

export const CLAIMS_COOKIE = 'claims-session';

/** The `Cookie` header of a session whose verified token carries `claims`; `factors` goes in the cookie's user. */
export function sessionCookie(claims: Record<string, unknown>, factors?: readonly { status: string }[]): string {
  const value = btoa(JSON.stringify({ claims, factors })).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');
  return `${CLAIMS_COOKIE}=${value}`;
}

function decode(value: string): { claims: SessionClaims; factors?: { status: string }[] } | null {
  try {
    return JSON.parse(atob(value.replaceAll('-', '+').replaceAll('_', '/'))) as { claims: SessionClaims; factors?: { status: string }[] };
  } catch {
    return null;
  }
}

/** A provider whose `check` answers `valid` with the cookie's claims in every verifying mode. */
export function claimsProvider(): SessionProvider {
  return stubProviderInstance({
    cookieName: CLAIMS_COOKIE,
    readSession: (cookies) => {
      const cookie = cookies.find((c) => c.name === CLAIMS_COOKIE);
      const decoded = cookie === undefined ? null : decode(cookie.value);
      if (cookie === undefined) return Promise.resolve({ kind: 'none' });
      if (decoded === null) return Promise.resolve({ kind: 'malformed', reason: 'not_json' });
      const user: SessionUser = { id: decoded.claims.sub, raw: decoded.factors === undefined ? {} : { factors: decoded.factors } };
      return Promise.resolve({ kind: 'present', session: { accessToken: cookie.value, refreshToken: 'refresh', expiresAt: decoded.claims.exp, user } });
    },
    check: (session) => {
      const decoded = decode(session.accessToken);
      if (decoded === null) return Promise.resolve({ kind: 'rejected', reason: 'invalid_token' });
      return Promise.resolve({ kind: 'valid', claims: decoded.claims, user: { id: decoded.claims.sub, raw: {} }, cached: false });
    },
    peekToken: (token) => {
      const decoded = decode(token);
      return decoded === null ? null : { exp: decoded.claims.exp, sub: decoded.claims.sub };
    },
    hasVerifiedFactor: (user) => {
      const factors = user.raw.factors;
      return Array.isArray(factors) ? factors.some((f: { status?: unknown }) => f.status === 'verified') : undefined;
    },
  });
}
