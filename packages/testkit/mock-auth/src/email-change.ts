// Changing a user's email the way GoTrue does: codes to the new (and, with secure email change, the
// current) address, then the change on confirmation; an anonymous user with autoconfirm changes at once.
import { insertFlowState, issueOtp } from './flow-states.js';
import { newUuid } from './ids.js';
import type { UserRecord } from './records.js';
import type { MockAuthState } from './state.js';
import { confirmEmail } from './users.js';

/** GoTrue's answer to the first of two confirmations. */
export const SINGLE_CONFIRMATION = { msg: 'Confirmation link accepted. Please proceed to confirm link sent to the other email', code: '200' };

/** Starts the change to `newEmail` (already validated and free), or applies it for an anonymous user under autoconfirm. */
export function startEmailChange(
  state: MockAuthState,
  user: UserRecord,
  newEmail: string,
  nowMs: number,
  pkce: { challenge: string; method: 's256' | 'plain' } | null,
  redirectTo: string,
): void {
  if (user.isAnonymous && state.settings.autoconfirm) {
    applyEmailChange(state, user, newEmail, nowMs);
    return;
  }
  user.newEmail = newEmail;
  user.emailChangeSentAt = nowMs;
  const flow =
    pkce === null
      ? null
      : insertFlowState(
          state.store,
          { provider: 'email', authMethod: 'email_change', userId: user.id, redirectTo, challenge: pkce.challenge, method: pkce.method },
          nowMs,
        );
  issueOtp(state.store, user, 'email_change', nowMs, flow, redirectTo, newEmail);
  if (state.settings.secureEmailChange && user.email !== '') issueOtp(state.store, user, 'email_change', nowMs, flow, redirectTo, user.email);
}

/**
 * Confirms one email-change code (already removed from the store): `'pending'` while the other
 * address still has to confirm (secure change without autoconfirm), else the change is applied.
 */
export function confirmEmailChange(state: MockAuthState, user: UserRecord, nowMs: number): 'pending' | 'applied' {
  const otherCode = state.store.otps.some((o) => o.userId === user.id && o.type === 'email_change');
  if (!state.settings.autoconfirm && state.settings.secureEmailChange && user.email !== '' && otherCode) return 'pending';
  applyEmailChange(state, user, user.newEmail, nowMs);
  return 'applied';
}

function applyEmailChange(state: MockAuthState, user: UserRecord, email: string, nowMs: number): void {
  state.store.removeOtps((o) => o.userId === user.id && o.type === 'email_change');
  user.email = email;
  user.newEmail = '';
  user.emailChangeSentAt = null;
  user.emailConfirmedAt = null;
  confirmEmail(user, nowMs);
  const identity = user.identities.find((i) => i.provider === 'email');
  if (identity === undefined) {
    user.identities.push({
      identityId: newUuid(),
      providerId: user.id,
      userId: user.id,
      provider: 'email',
      identityData: { sub: user.id, email, email_verified: true, phone_verified: false },
      email,
      createdAt: nowMs,
      updatedAt: nowMs,
      lastSignInAt: null,
    });
    const providers = Array.isArray(user.appMetadata.providers) ? (user.appMetadata.providers as unknown[]) : [];
    user.appMetadata = { provider: user.appMetadata.provider ?? 'email', ...user.appMetadata, providers: [...providers, 'email'] };
  } else {
    identity.identityData = { ...identity.identityData, email, email_verified: true };
    identity.email = email;
    identity.updatedAt = nowMs;
  }
  user.isAnonymous = false;
  user.updatedAt = nowMs;
}
