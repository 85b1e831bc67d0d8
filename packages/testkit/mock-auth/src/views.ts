// Read-only snapshots of the mock's rows for inspection in tests (times are epoch milliseconds).
import type { ChallengeRecord, OtpRecord, RefreshTokenRecord, SessionRecord, UserRecord } from './records.js';
import type { Store } from './store.js';

/** A user as the controls show it. */
export interface MockUserView {
  readonly id: string;
  readonly email: string;
  readonly emailConfirmed: boolean;
  readonly createdAt: number;
  readonly lastSignInAt: number | null;
  readonly bannedUntil: number | null;
  readonly providers: readonly string[];
  readonly userMetadata: Readonly<Record<string, unknown>>;
}

/** A refresh token and its place in the family. */
export interface RefreshTokenView {
  readonly id: number;
  readonly token: string;
  readonly parent: string | null;
  readonly sessionId: string;
  readonly revoked: boolean;
  /** Whether it is the session's active token (highest-id non-revoked). */
  readonly active: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** A session with its refresh-token family, oldest token first. */
export interface SessionView {
  readonly id: string;
  readonly userId: string;
  readonly createdAt: number;
  readonly refreshedAt: number | null;
  readonly aal: string;
  readonly amr: readonly { readonly method: string; readonly timestamp: number }[];
  readonly refreshTokens: readonly RefreshTokenView[];
  readonly activeRefreshToken: string | null;
}

/** A pending OTP / magic link. */
export interface OtpView {
  readonly email: string;
  readonly otp: string;
  readonly tokenHash: string;
  readonly type: string;
  /** `GET /auth/v1/verify` link that verifies it, as the email would contain. */
  readonly actionLink: string;
  readonly createdAt: number;
}

/** Snapshot of a user. */
export function toUserView(user: UserRecord): MockUserView {
  const providers = Array.isArray(user.appMetadata.providers) ? (user.appMetadata.providers as string[]) : [];
  return Object.freeze({
    id: user.id,
    email: user.email,
    emailConfirmed: user.emailConfirmedAt !== null,
    createdAt: user.createdAt,
    lastSignInAt: user.lastSignInAt,
    bannedUntil: user.bannedUntil,
    providers: [...providers],
    userMetadata: { ...user.userMetadata },
  });
}

/** Snapshot of a refresh token. */
export function toTokenView(store: Store, token: RefreshTokenRecord): RefreshTokenView {
  return Object.freeze({
    id: token.id,
    token: token.token,
    parent: token.parent,
    sessionId: token.sessionId,
    revoked: token.revoked,
    active: store.activeToken(token.sessionId)?.id === token.id,
    createdAt: token.createdAt,
    updatedAt: token.updatedAt,
  });
}

/** Snapshot of a session and its token family. */
export function toSessionView(store: Store, session: SessionRecord): SessionView {
  return Object.freeze({
    id: session.id,
    userId: session.userId,
    createdAt: session.createdAt,
    refreshedAt: session.refreshedAt,
    aal: session.aal,
    amr: session.amr.map((e) => ({ ...e })),
    refreshTokens: store.tokensOfSession(session.id).map((t) => toTokenView(store, t)),
    activeRefreshToken: store.activeToken(session.id)?.token ?? null,
  });
}

/** Snapshot of an OTP, with the verification link under `issuer`. */
export function toOtpView(otp: OtpRecord, issuer: string): OtpView {
  const link = new URL(`${issuer}/verify`);
  link.searchParams.set('token', otp.tokenHash);
  link.searchParams.set('type', otp.type);
  if (otp.redirectTo !== null) link.searchParams.set('redirect_to', otp.redirectTo);
  return Object.freeze({
    email: otp.email,
    otp: otp.otp,
    tokenHash: otp.tokenHash,
    type: otp.type,
    actionLink: link.toString(),
    createdAt: otp.createdAt,
  });
}

/** An MFA challenge; `code` is what the "SMS" of a phone factor carried (`null` for TOTP). */
export interface FactorChallengeView {
  readonly id: string;
  readonly factorId: string;
  readonly code: string | null;
  readonly createdAt: number;
  readonly verified: boolean;
}

/** Snapshot of an MFA challenge. */
export function toChallengeView(challenge: ChallengeRecord): FactorChallengeView {
  return Object.freeze({
    id: challenge.id,
    factorId: challenge.factorId,
    code: challenge.otpCode,
    createdAt: challenge.createdAt,
    verified: challenge.verifiedAt !== null,
  });
}
