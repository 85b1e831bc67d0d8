// Serializes user and identity rows into GoTrue's JSON shapes, keys in server order (spec §1.5).
import { toFactorJson } from './factor-json.js';
import { toTimestamp } from './ids.js';
import type { IdentityRecord, UserRecord } from './records.js';

/** The GoTrue user object. */
export type UserJson = Record<string, unknown>;

/** Serializes an identity row. */
export function toIdentityJson(identity: IdentityRecord): Record<string, unknown> {
  return {
    identity_id: identity.identityId,
    id: identity.providerId,
    user_id: identity.userId,
    identity_data: identity.identityData,
    provider: identity.provider,
    ...(identity.lastSignInAt === null ? {} : { last_sign_in_at: toTimestamp(identity.lastSignInAt) }),
    created_at: toTimestamp(identity.createdAt),
    updated_at: toTimestamp(identity.updatedAt),
    email: identity.email,
  };
}

/** Serializes a user row; optional keys are omitted when empty, as the server does. */
export function toUserJson(user: UserRecord): UserJson {
  const optional = (key: string, ms: number | null): Record<string, string> =>
    ms === null ? {} : { [key]: toTimestamp(ms) };
  // `confirmed_at` is the earlier of the two confirmations.
  const confirmations = [user.emailConfirmedAt, user.phoneConfirmedAt].filter((t): t is number => t !== null);
  const confirmedAt = confirmations.length === 0 ? null : Math.min(...confirmations);
  return {
    id: user.id,
    aud: 'authenticated',
    role: 'authenticated',
    email: user.email,
    ...optional('email_confirmed_at', user.emailConfirmedAt),
    ...optional('invited_at', user.invitedAt),
    phone: user.phone,
    ...optional('phone_confirmed_at', user.phoneConfirmedAt),
    ...optional('confirmation_sent_at', user.confirmationSentAt),
    ...optional('confirmed_at', confirmedAt),
    ...optional('recovery_sent_at', user.recoverySentAt),
    ...(user.newEmail === '' ? {} : { new_email: user.newEmail }),
    ...optional('email_change_sent_at', user.emailChangeSentAt),
    ...(user.newPhone === '' ? {} : { new_phone: user.newPhone }),
    ...optional('reauthentication_sent_at', user.reauthenticationSentAt),
    ...optional('last_sign_in_at', user.lastSignInAt),
    app_metadata: user.appMetadata,
    user_metadata: user.userMetadata,
    ...(user.factors.length === 0 ? {} : { factors: user.factors.map(toFactorJson) }),
    identities: user.identities.map(toIdentityJson),
    created_at: toTimestamp(user.createdAt),
    updated_at: toTimestamp(user.updatedAt),
    ...optional('banned_until', user.bannedUntil),
    ...optional('deleted_at', user.deletedAt),
    is_anonymous: user.isAnonymous,
  };
}
