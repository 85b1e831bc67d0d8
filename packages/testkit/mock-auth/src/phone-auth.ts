// Phone sign-up, SMS codes and phone changes, with the codes kept for the test hook instead of an SMS
// provider (`signup.go`, `otp.go SmsOtp`, `verify.go smsVerify`, `phone.go`).
import { apiError, type ApiError } from './api-error.js';
import { issueOtp } from './flow-states.js';
import { newUuid } from './ids.js';
import type { UserRecord } from './records.js';
import type { MockAuthState } from './state.js';
import { confirmPhone } from './users.js';

/** `SMS_OTP_EXP`: SMS codes live one minute. */
export const SMS_OTP_EXPIRY_MS = 60_000;
/** `SMS_MAX_FREQUENCY`: one SMS per user per minute. */
const SMS_INTERVAL_MS = 60_000;

/** Sends an SMS code (`sms` or `phone_change`) to `phone`, or GoTrue's 429 when the last one is under a minute old. */
export function sendSms(state: MockAuthState, user: UserRecord, type: 'sms' | 'phone_change', phone: string, nowMs: number): ApiError | null {
  if (user.smsSentAt !== null && nowMs < user.smsSentAt + SMS_INTERVAL_MS) {
    const left = Math.trunc((user.smsSentAt + SMS_INTERVAL_MS - nowMs) / 1000);
    return apiError(429, 'over_sms_send_rate_limit', `For security purposes, you can only request this after ${left} seconds.`);
  }
  issueOtp(state.store, user, type, nowMs, null, null, phone);
  user.smsSentAt = nowMs;
  return null;
}

/** Confirms a verified SMS code: the phone of a sign-up, or the new number of a phone change. */
export function applySmsCode(user: UserRecord, type: string, nowMs: number): void {
  if (type === 'phone_change') {
    user.phone = user.newPhone;
    user.newPhone = '';
    user.phoneConfirmedAt = null;
    const identity = user.identities.find((i) => i.provider === 'phone');
    if (identity === undefined) {
      user.identities.push({
        identityId: newUuid(),
        providerId: user.id,
        userId: user.id,
        provider: 'phone',
        identityData: { sub: user.id, phone: user.phone, email_verified: false, phone_verified: true },
        email: '',
        createdAt: nowMs,
        updatedAt: nowMs,
        lastSignInAt: null,
      });
      const providers = Array.isArray(user.appMetadata.providers) ? (user.appMetadata.providers as unknown[]) : [];
      user.appMetadata = { provider: user.appMetadata.provider ?? 'phone', ...user.appMetadata, providers: [...providers, 'phone'] };
    } else {
      identity.identityData = { ...identity.identityData, phone: user.phone, phone_verified: true };
    }
  }
  confirmPhone(user, nowMs);
  user.isAnonymous = false;
}
