// The Supabase Auth provider: the ssr cookie format, GoTrue calls and token checks behind the provider port.
import type { CookieAttributes, CookieWrite } from '@lockstep/core/cookies';
import { LockstepError } from '@lockstep/core';
import type { RequestCookie } from '@lockstep/core/cookies';
import type { RefreshResult } from '@lockstep/core/refresh';
import type { Session } from '@lockstep/core';
import type { SessionProvider, SessionRead, TokenCheck, TokenSource } from '@lockstep/core';
import type { ClaimsVerifier } from '@lockstep/core/verify';
import { decodeClaimsUnverified } from '@lockstep/core/verify';
import type { ServerCheckGate } from '@lockstep/core/verify';
import { toTokenCheck } from '@lockstep/core/verify';
import { getUser, refreshSession, signInWithPassword, signOut } from './gotrue-api.js';
import { completeSupabaseCallback } from './supabase-callback.js';
import { clearCodeVerifiers } from './storage-item.js';
import type { GoTrueContext } from './gotrue-request.js';
import { decodeSessionValue, joinSessionCookie, type SessionCookieEncoding } from './session-cookie.js';
import { planSessionWrite } from './session-write.js';
import { expiryFollowsClock, fromSupabaseJson, toSupabaseJson, userFromClaims } from './supabase-session.js';
import { createSessionReadCache, deepFreeze, hashTokenSync, type TokenHasher } from '@lockstep/core/provider';
import { peekToken } from '@lockstep/core/verify';
import type { SupabaseClient } from '@supabase/supabase-js';
import { createAuthenticatedClient } from './bound-client.js';
import { GOTRUE_REFUSAL_CODES } from './gotrue-refusals.js';
import { hasVerifiedFactor } from './verified-factor.js';
import { isApiKeyToken } from './api-key-token.js';
import { verifyFactor } from './mfa-verify.js';

/** The Supabase provider: every capability (password sign-in, the OAuth / magic-link callback, sign-out, a supabase-js data client). */
export interface SupabaseProvider extends SessionProvider {
  signInWithPassword: NonNullable<SessionProvider['signInWithPassword']>;
  completeCallback: NonNullable<SessionProvider['completeCallback']>;
  endSession: NonNullable<SessionProvider['endSession']>;
  signOutWrites: NonNullable<SessionProvider['signOutWrites']>;
  verifyFactor: NonNullable<SessionProvider['verifyFactor']>;
  /** A supabase-js client acting as the verified user (RLS applies); it never refreshes or writes cookies. */
  dataClient(accessToken: string): SupabaseClient;
}

/** What the Supabase provider is built from; `supabase()` fills it in from the settings. */
export interface SupabaseProviderConfig {
  readonly gotrue: GoTrueContext;
  /** Bounds the `GET /user` calls for tokens no local key can verify. */
  readonly serverChecks: ServerCheckGate;
  /** Cookie name, e.g. `sb-<ref>-auth-token` (with `__Host-` when configured). */
  readonly storageKey: string;
  readonly encoding: SessionCookieEncoding;
  readonly verifier: ClaimsVerifier;
  /** The project URL and publishable key, for the data client. */
  readonly project: { readonly url: string; readonly key: string };
  /** Bounds and hash of the verified-session cache (`jwt.cacheSize`, `jwt.sessionCacheBytes`); without it, off. */
  readonly sessionCache?: { readonly maxEntries: number; readonly maxBytes: number; readonly hashToken: TokenHasher };
}

const NO_SESSION_CACHE = { maxEntries: 1, maxBytes: 0, hashToken: hashTokenSync };

/**
 * Creates the provider the session engine uses for a Supabase project.
 *
 * @example
 * const provider = createSupabaseProvider({ gotrue, storageKey, encoding: 'base64url', verifier });
 */
export function createSupabaseProvider(config: SupabaseProviderConfig): SupabaseProvider {
  const { gotrue, storageKey, encoding, verifier, serverChecks, project, sessionCache } = config;

  // A repeat of a cookie value already verified skips the decode, the peek and the token's hash.
  const reads = createSessionReadCache({ ...(sessionCache ?? NO_SESSION_CACHE), peek: peekToken });

  function decodeCookie(raw: string, now: number): { read: SessionRead; cacheable: boolean } {
    const read = decodeSessionValue(raw);
    if (read.kind !== 'present') return { read, cacheable: false };
    const session = fromSupabaseJson(read.session, now);
    if (session === null) return { read: { kind: 'malformed', reason: 'bad_shape' }, cacheable: false };
    return { read: { kind: 'present', session }, cacheable: !expiryFollowsClock(read.session) };
  }

  function readSession(cookies: readonly RequestCookie[], now: number): Promise<SessionRead> {
    const joined = joinSessionCookie(cookies, storageKey);
    if (joined.kind !== 'joined') return Promise.resolve(joined);
    return Promise.resolve(reads.read(joined.value, now, (raw) => decodeCookie(raw, now)));
  }

  function planWrite(cookies: readonly RequestCookie[], session: Session | null, attributes: CookieAttributes, now: number): CookieWrite[] {
    if (session === null) return planSessionWrite(cookies, storageKey, null, attributes, encoding);
    for (const stored of [toSupabaseJson(session, now), { ...toSupabaseJson(session, now), user: null }]) {
      try {
        return planSessionWrite(cookies, storageKey, stored, attributes, encoding);
      } catch (error) {
        // Over the cookie budget (huge user metadata): retry without the user object, which auth-js
        // can do without (claims mode reads the user from the token). Only a bug gets past this.
        if (!(error instanceof LockstepError) || error.code !== 'ERR_COOKIE_TOO_LARGE') throw error;
      }
    }
    // Even the tokens alone do not fit: a cookie that cannot be stored is no session; clear it.
    return planSessionWrite(cookies, storageKey, null, attributes, encoding);
  }

  function refresh(refreshToken: string, now: number): Promise<RefreshResult> {
    return refreshSession(gotrue, refreshToken, now);
  }

  async function check(session: Session, source: TokenSource, now: number): Promise<TokenCheck> {
    const mode = source.kind === 'issued' ? 'issued' : source.mode;
    switch (mode) {
      case 'issued':
      case 'session': {
        // `issued`: the token came from GoTrue in answer to our own call, so the channel vouches for it.
        // `session`: the rule opted out of verification (UI hints only, never authorization).
        const known = mode === 'session' ? reads.checked(session, 'session', now) : undefined;
        if (known !== undefined) return known;
        const claims = decodeClaimsUnverified(session.accessToken);
        if (claims === null) return mode === 'issued' ? { kind: 'unavailable', cause: 'protocol' } : { kind: 'rejected', reason: 'invalid_token' };
        const user = session.user !== null && session.user.id === claims.sub ? session.user : frozenUserFromClaims(claims);
        const valid = { kind: 'valid', claims, user, cached: false } as const;
        if (mode === 'session') reads.remember(session, 'session', valid, now);
        return valid;
      }
      case 'claims': {
        const known = reads.checked(session, 'claims', now);
        if (known !== undefined) return known;
        const local = await verifier.verify(session.accessToken, now);
        const checked = await toTokenCheck(local, frozenUserFromClaims, () => checkUnverifiable(session, now, 'claims'));
        // Only a signature this verifier checked vouches for the cookie; a server-checked token is not kept.
        if (checked.kind === 'valid' && local.kind === 'valid') reads.remember(session, 'claims', checked, now);
        return checked;
      }
      case 'user': {
        // Both must pass: the claims as `claims` mode checks them (GET /user ignores `iss` and `aud`), then the server.
        const local = await verifier.verify(session.accessToken, now);
        switch (local.kind) {
          case 'valid':
            return checkWithServer(session);
          case 'invalid':
            return { kind: 'rejected', reason: 'invalid_token' };
          case 'unverifiable':
            return checkUnverifiable(session, now, 'user');
          case 'unavailable': {
            // The key set is down, not the token in doubt: the server judges the signature, we the claims.
            const unsigned = verifier.checkUnsigned(session.accessToken, now);
            return unsigned.kind === 'valid' ? checkWithServer(session) : { kind: 'rejected', reason: 'invalid_token' };
          }
        }
      }
    }
  }

  /**
   * A token no local key can check (an HS256 project without its secret, an unknown `kid`, an
   * algorithm only GoTrue verifies): its claims are checked here, its signature by `GET /user`,
   * within the instance's budget, so forged tokens cannot drive the app's calls to the auth server.
   */
  async function checkUnverifiable(session: Session, now: number, mode: 'claims' | 'user'): Promise<TokenCheck> {
    const unsigned = verifier.checkUnsigned(session.accessToken, now);
    if (unsigned.kind !== 'valid') return { kind: 'rejected', reason: 'invalid_token' };
    return serverChecks.check(session.accessToken, unsigned.claims.exp, now, mode === 'claims', () => checkWithServer(session));
  }

  async function checkWithServer(session: Session): Promise<TokenCheck> {
    const answer = await getUser(gotrue, session.accessToken);
    if (answer.kind !== 'ok') return answer;
    const claims = decodeClaimsUnverified(session.accessToken);
    // The server vouched for the token; its claims must still name the user it vouched for.
    if (claims === null || claims.sub !== answer.user.id) return { kind: 'rejected', reason: 'invalid_token' };
    return { kind: 'valid', claims, user: answer.user, cached: false };
  }

  return {
    cookieName: storageKey,
    authUrl: gotrue.authUrl,
    refusalCodes: GOTRUE_REFUSAL_CODES,
    readSession,
    planWrite,
    refresh,
    check,
    peekToken,
    signInWithPassword: (credentials, now) => signInWithPassword(gotrue, { email: credentials.email, password: credentials.password }, now),
    endSession: (session, scope) => signOut(gotrue, session.accessToken, scope),
    completeCallback: (request, cookies, attributes, now) => completeSupabaseCallback(gotrue, storageKey, request, cookies, attributes, now),
    signOutWrites: (cookies, attributes) => clearCodeVerifiers(cookies, storageKey, attributes),
    dataClient: (accessToken) => createAuthenticatedClient(project, accessToken, { fetch: gotrue.fetch }),
    hasVerifiedFactor,
    isApiKey: isApiKeyToken,
    verifyFactor: (session, factor, now) => verifyFactor(gotrue, session, factor, now),
  };
}

/** The user a verified token describes, frozen: a check is shared by every request that presents the same cookie. */
function frozenUserFromClaims(claims: Parameters<typeof userFromClaims>[0]): ReturnType<typeof userFromClaims> {
  return deepFreeze(userFromClaims(claims));
}
