// Creating users and identities the way sign-up, admin creation and OAuth callbacks do.
import { newUuid } from './ids.js';
import type { IdentityRecord, UserRecord } from './records.js';
import type { Store } from './store.js';

/** Input for {@link insertUser}. */
export interface NewUserInput {
  readonly email: string;
  readonly password: string | null;
  readonly confirmed: boolean;
  readonly userMetadata?: Readonly<Record<string, unknown>>;
  readonly appMetadata?: Readonly<Record<string, unknown>>;
  /** The first identity's provider. @default 'email' */
  readonly provider?: string;
  /** Provider subject for non-email providers. */
  readonly providerId?: string;
}

/** Inserts a new user with one identity; `email` is lower-cased. */
export function insertUser(store: Store, input: NewUserInput, nowMs: number): UserRecord {
  const id = newUuid();
  const email = input.email.trim().toLowerCase();
  const provider = input.provider ?? 'email';
  const user: UserRecord = {
    id,
    email,
    phone: '',
    password: input.password,
    emailConfirmedAt: input.confirmed ? nowMs : null,
    confirmationSentAt: input.confirmed ? null : nowMs,
    lastSignInAt: null,
    appMetadata: { provider, providers: [provider], ...input.appMetadata },
    userMetadata: { ...input.userMetadata, ...(input.confirmed ? { email_verified: true } : {}) },
    identities: [],
    bannedUntil: null,
    isAnonymous: false,
    createdAt: nowMs,
    updatedAt: nowMs,
  };
  user.identities.push(newIdentity(user, provider, input.providerId ?? id, nowMs));
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
  user.appMetadata = { ...user.appMetadata, providers: [...providers, provider] };
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
      email: user.email,
      email_verified: user.emailConfirmedAt !== null,
      phone_verified: false,
      ...user.userMetadata,
    },
    email: user.email,
    createdAt: nowMs,
    updatedAt: nowMs,
    lastSignInAt: nowMs,
  };
}
