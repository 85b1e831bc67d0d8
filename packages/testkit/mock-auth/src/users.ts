// Creating users and identities the way sign-up, admin creation and OAuth callbacks do.
import { newUuid } from './ids.js';
import type { IdentityRecord, UserRecord } from './records.js';
import type { Store } from './store.js';

/** Input for {@link insertUser}. */
export interface NewUserInput {
  /** `''` for a phone-only user. */
  readonly email: string;
  /** E.164 digits without `+`. @default '' */
  readonly phone?: string;
  /** @default false */
  readonly phoneConfirmed?: boolean;
  readonly password: string | null;
  readonly confirmed: boolean;
  readonly userMetadata?: Readonly<Record<string, unknown>>;
  readonly appMetadata?: Readonly<Record<string, unknown>>;
  /** The first identity's provider. @default 'email' */
  readonly provider?: string;
  /** Provider subject for non-email providers. */
  readonly providerId?: string;
  /** An anonymous user: no identity, empty `app_metadata`, `is_anonymous`. */
  readonly anonymous?: boolean;
}

/**
 * Inserts a new user with its identities (the given provider's, else one per email and phone, as
 * admin creation does); `email` is lower-cased.
 */
export function insertUser(store: Store, input: NewUserInput, nowMs: number): UserRecord {
  const id = newUuid();
  const email = input.email.trim().toLowerCase();
  const phone = input.phone ?? '';
  const providers = input.anonymous === true ? [] : input.provider !== undefined ? [input.provider] : [...(email === '' ? [] : ['email']), ...(phone === '' ? [] : ['phone'])];
  const provider = providers[0] ?? 'email';
  const user: UserRecord = {
    id,
    email,
    phone,
    phoneConfirmedAt: phone !== '' && input.phoneConfirmed === true ? nowMs : null,
    password: input.password,
    emailConfirmedAt: email !== '' && input.confirmed ? nowMs : null,
    confirmationSentAt: email !== '' && !input.confirmed ? nowMs : null,
    invitedAt: null,
    recoverySentAt: null,
    newEmail: '',
    newPhone: '',
    smsSentAt: null,
    emailChangeSentAt: null,
    reauthenticationSentAt: null,
    lastSignInAt: null,
    // Anonymous users get no provider entries (`ToUserModel`).
    appMetadata: input.anonymous === true ? { ...input.appMetadata } : { provider, providers, ...input.appMetadata },
    userMetadata: { ...input.userMetadata, ...(input.confirmed ? { email_verified: true } : {}) },
    identities: [],
    factors: [],
    bannedUntil: null,
    deletedAt: null,
    isAnonymous: input.anonymous === true,
    createdAt: nowMs,
    updatedAt: nowMs,
  };
  for (const p of providers) user.identities.push(newIdentity(user, p, p === input.provider ? (input.providerId ?? id) : id, nowMs));
  store.users.set(id, user);
  return user;
}

/** Links a provider identity to `user` (no-op if it already has one for `provider`). */
export function linkIdentity(user: UserRecord, provider: string, providerId: string, nowMs: number): IdentityRecord {
  const existing = user.identities.find((i) => i.provider === provider);
  if (existing !== undefined) {
    existing.lastSignInAt = nowMs;
    existing.updatedAt = nowMs;
    return existing;
  }
  const identity = newIdentity(user, provider, providerId, nowMs);
  user.identities.push(identity);
  const providers = Array.isArray(user.appMetadata.providers) ? (user.appMetadata.providers as unknown[]) : [];
  user.appMetadata = { provider: user.appMetadata.provider ?? provider, ...user.appMetadata, providers: [...providers, provider] };
  user.updatedAt = nowMs;
  return identity;
}

/** Marks the email confirmed (and `email_verified` in metadata). */
export function confirmEmail(user: UserRecord, nowMs: number): void {
  if (user.emailConfirmedAt !== null) return;
  user.emailConfirmedAt = nowMs;
  user.userMetadata = { ...user.userMetadata, email_verified: true };
  for (const identity of user.identities) identity.identityData = { ...identity.identityData, email_verified: true };
  user.updatedAt = nowMs;
}

/** Marks the phone confirmed. */
export function confirmPhone(user: UserRecord, nowMs: number): void {
  if (user.phoneConfirmedAt !== null || user.phone === '') return;
  user.phoneConfirmedAt = nowMs;
  for (const identity of user.identities) identity.identityData = { ...identity.identityData, phone_verified: true };
  user.updatedAt = nowMs;
}

/**
 * An admin soft delete (`SoftDeleteUser`): the row stays with `deleted_at`, obfuscated email and
 * phone, no password, empty metadata; identities, factors, sessions and one-time codes go.
 */
export function softDeleteUser(store: Store, user: UserRecord, nowMs: number): void {
  const tag = user.id.replaceAll('-', '').slice(0, 16);
  if (user.email !== '') user.email = `deleted-${tag}@deleted.invalid`;
  if (user.phone !== '') user.phone = '';
  user.password = null;
  user.userMetadata = {};
  user.identities = [];
  for (const factor of [...user.factors]) store.deleteFactor(user, factor.id);
  user.deletedAt = nowMs;
  user.updatedAt = nowMs;
  for (const session of store.sessionsOfUser(user.id)) store.deleteSession(session.id);
  store.removeOtps((otp) => otp.userId === user.id);
}

/** Whether the user is banned at `nowMs`. */
export function isBanned(user: UserRecord, nowMs: number): boolean {
  return user.bannedUntil !== null && user.bannedUntil > nowMs;
}

function newIdentity(user: UserRecord, provider: string, providerId: string, nowMs: number): IdentityRecord {
  return {
    identityId: newUuid(),
    providerId,
    userId: user.id,
    provider,
    identityData: {
      sub: providerId,
      ...(provider === 'phone' ? { phone: user.phone } : { email: user.email }),
      email_verified: user.emailConfirmedAt !== null,
      phone_verified: user.phoneConfirmedAt !== null,
      ...user.userMetadata,
    },
    email: provider === 'phone' ? '' : user.email,
    createdAt: nowMs,
    updatedAt: nowMs,
    lastSignInAt: nowMs,
  };
}
