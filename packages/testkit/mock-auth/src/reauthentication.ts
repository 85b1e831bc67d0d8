// The reauthentication nonce: `GET /reauthenticate` sends it, `PUT /user` with a password spends it.
import type { UserRecord } from './records.js';
import type { MockAuthState } from './state.js';

/** Spends the user's pending nonce if `nonce` matches it and it has not expired (`MAILER_OTP_EXP`). */
export function consumeReauthenticationNonce(state: MockAuthState, user: UserRecord, nonce: string, nowMs: number): boolean {
  const expiryMs = state.options.otpExpirySeconds * 1000;
  const pending = state.store.otps.find((o) => o.userId === user.id && o.type === 'reauthentication');
  if (pending === undefined || pending.otp !== nonce || nowMs > pending.createdAt + expiryMs) return false;
  state.store.removeOtps((o) => o === pending);
  user.reauthenticationSentAt = null;
  return true;
}
