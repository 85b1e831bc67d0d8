// Authenticator assurance: raising a session to aal2 after a factor check and lowering it when the
// factor goes (GoTrue's `updateMFASessionAndClaims`, `DowngradeSessionsToAAL1`).
import { toUnixSeconds } from './ids.js';
import type { FactorRecord, SessionRecord, UserRecord } from './records.js';
import { buildTokenResponse, insertRefreshToken, type AccessTokenResponse } from './sessions.js';
import type { MockAuthState } from './state.js';

/** The AMR method each factor type adds; these are the methods that make a session aal2. */
export const FACTOR_AMR_METHOD: Readonly<Record<FactorRecord['factorType'], string>> = { totp: 'totp', phone: 'mfa/phone' };
const AAL2_METHODS = new Set(['totp', 'mfa/phone', 'mfa/webauthn']);

/** Adds `method` to the session's AMR, or refreshes its timestamp (`AddClaimToSession`). */
export function addAmrClaim(session: SessionRecord, method: string, nowMs: number): void {
  const timestamp = toUnixSeconds(nowMs);
  const existing = session.amr.find((e) => e.method === method);
  if (existing === undefined) session.amr.push({ method, timestamp });
  else existing.timestamp = timestamp;
}

/** `aal2` when any AMR entry is a second factor (`CalculateAALAndAMR`). */
export function assuranceLevelOf(session: SessionRecord): 'aal1' | 'aal2' {
  return session.amr.some((e) => AAL2_METHODS.has(e.method)) ? 'aal2' : 'aal1';
}

/**
 * After a successful factor check: the session gains the factor's AMR entry and its level, a new
 * refresh token is swapped in (so the aal1 one cannot mint aal2 tokens), every other session of the
 * user below aal2 is deleted, and the user's other unverified factors of that type go.
 */
export async function raiseSession(
  state: MockAuthState,
  user: UserRecord,
  session: SessionRecord,
  factor: FactorRecord,
  nowMs: number,
): Promise<AccessTokenResponse> {
  const { store } = state;
  addAmrClaim(session, FACTOR_AMR_METHOD[factor.factorType], nowMs);
  session.aal = assuranceLevelOf(session);
  session.factorId = factor.id;
  session.updatedAt = nowMs;
  const active = store.activeToken(session.id);
  if (active !== undefined) {
    active.revoked = true;
    active.updatedAt = nowMs;
  }
  const refreshToken = insertRefreshToken(store, session, active?.token ?? null, nowMs);
  // `InvalidateSessionsWithAALLessThan(user, aal2)`: the current session is aal2 by now.
  for (const other of store.sessionsOfUser(user.id)) if (other.aal === 'aal1') store.deleteSession(other.id);
  for (const other of [...user.factors]) {
    if (other.factorType === factor.factorType && other.status === 'unverified' && other.id !== factor.id) store.deleteFactor(user, other.id);
  }
  return buildTokenResponse(state, user, session, refreshToken, nowMs);
}

/** When a factor is deleted: the sessions it raised lose its AMR entry and drop to aal1. */
export function downgradeSessionsOf(state: MockAuthState, factor: FactorRecord, nowMs: number): void {
  const method = FACTOR_AMR_METHOD[factor.factorType];
  for (const session of state.store.sessionsOfUser(factor.userId)) {
    if (session.factorId !== factor.id) continue;
    session.amr = session.amr.filter((e) => e.method !== method);
    session.aal = 'aal1';
    session.factorId = null;
    session.updatedAt = nowMs;
  }
}
