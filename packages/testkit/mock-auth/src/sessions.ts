// Starting sessions, minting refresh tokens and building the AccessTokenResponse (spec §1.5).
import { buildAccessTokenClaims, signAccessToken } from './access-token.js';
import { newLegacyRefreshToken, newUuid, toUnixSeconds } from './ids.js';
import type { RefreshTokenRecord, SessionRecord, UserRecord } from './records.js';
import type { MockAuthState } from './state.js';
import type { Store } from './store.js';
import { toUserJson, type UserJson } from './user-json.js';

/** The session body returned by sign-in, sign-up, refresh, PKCE and OTP verification. */
export interface AccessTokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: UserJson;
  provider_token?: string;
  provider_refresh_token?: string;
}

/** Inserts a new refresh token for `session`, swapped from `parent` (or the first one). */
export function insertRefreshToken(
  store: Store,
  session: SessionRecord,
  parent: string | null,
  nowMs: number,
): RefreshTokenRecord {
  const record: RefreshTokenRecord = {
    id: store.allocateTokenId(),
    token: newLegacyRefreshToken(),
    parent,
    sessionId: session.id,
    userId: session.userId,
    revoked: false,
    createdAt: nowMs,
    updatedAt: nowMs,
  };
  store.addRefreshToken(record);
  return record;
}

/** Creates a session (amr `method`, aal1) with its first refresh token; marks the sign-in. */
export function startSession(
  state: MockAuthState,
  user: UserRecord,
  method: string,
  nowMs: number,
): { session: SessionRecord; refreshToken: RefreshTokenRecord } {
  const session: SessionRecord = {
    id: newUuid(),
    userId: user.id,
    createdAt: nowMs,
    updatedAt: nowMs,
    refreshedAt: null,
    notAfter: null,
    aal: 'aal1',
    amr: [{ method, timestamp: toUnixSeconds(nowMs) }],
    factorId: null,
  };
  state.store.sessions.set(session.id, session);
  user.lastSignInAt = nowMs;
  user.updatedAt = nowMs;
  return { session, refreshToken: insertRefreshToken(state.store, session, null, nowMs) };
}

/** Mints an access token and builds the AccessTokenResponse. */
export async function buildTokenResponse(
  state: MockAuthState,
  user: UserRecord,
  session: SessionRecord,
  refreshToken: RefreshTokenRecord,
  nowMs: number,
  extra: { providerToken?: string } = {},
): Promise<AccessTokenResponse> {
  const claims = buildAccessTokenClaims(state.issuer, user, session, nowMs, state.settings.tokenLifetimeSeconds);
  const accessToken = await signAccessToken(state.keys, claims);
  return {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: claims.exp - toUnixSeconds(nowMs),
    expires_at: claims.exp,
    refresh_token: refreshToken.token,
    user: toUserJson(user),
    ...(extra.providerToken === undefined ? {} : { provider_token: extra.providerToken }),
  };
}

/** Starts a session and returns its AccessTokenResponse (one sign-in = one session, spec §3.8). */
export async function signIn(
  state: MockAuthState,
  user: UserRecord,
  method: string,
  nowMs: number,
  extra: { providerToken?: string } = {},
): Promise<AccessTokenResponse> {
  const { session, refreshToken } = startSession(state, user, method, nowMs);
  return buildTokenResponse(state, user, session, refreshToken, nowMs, extra);
}
