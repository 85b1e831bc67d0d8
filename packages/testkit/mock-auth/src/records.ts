// The mock's in-memory rows: users, identities, sessions, refresh tokens, flow states and OTPs (spec §7.3).

/** An identity row (`auth.identities`). */
export interface IdentityRecord {
  identityId: string;
  /** Provider subject; the user id for the email provider. */
  providerId: string;
  userId: string;
  provider: string;
  identityData: Record<string, unknown>;
  email: string;
  createdAt: number;
  updatedAt: number;
  lastSignInAt: number | null;
}

/** A user row (`auth.users`); times are epoch ms. */
export interface UserRecord {
  id: string;
  email: string;
  phone: string;
  phoneConfirmedAt: number | null;
  /** Stored in clear: this is a test server. */
  password: string | null;
  emailConfirmedAt: number | null;
  confirmationSentAt: number | null;
  invitedAt: number | null;
  recoverySentAt: number | null;
  /** A pending email change (`email_change`) and when its codes were sent. */
  newEmail: string;
  /** A pending phone change (`phone_change`). */
  newPhone: string;
  /** When the last SMS (confirmation, OTP, phone change) went out: one a minute (`SMS_MAX_FREQUENCY`). */
  smsSentAt: number | null;
  emailChangeSentAt: number | null;
  reauthenticationSentAt: number | null;
  lastSignInAt: number | null;
  appMetadata: Record<string, unknown>;
  userMetadata: Record<string, unknown>;
  identities: IdentityRecord[];
  /** MFA factors, oldest first. */
  factors: FactorRecord[];
  bannedUntil: number | null;
  /** Set by an admin soft delete. */
  deletedAt: number | null;
  isAnonymous: boolean;
  createdAt: number;
  updatedAt: number;
}

/** An MFA factor (`auth.mfa_factors`). */
export interface FactorRecord {
  id: string;
  userId: string;
  factorType: 'totp' | 'phone';
  status: 'unverified' | 'verified';
  friendlyName: string;
  /** TOTP only: the base32 secret. */
  secret: string | null;
  /** Phone only: E.164 digits without `+`. */
  phone: string;
  lastChallengedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** An MFA challenge (`auth.mfa_challenges`). */
export interface ChallengeRecord {
  id: string;
  factorId: string;
  createdAt: number;
  verifiedAt: number | null;
  /** The client address the challenge was made from; verify must come from the same one. */
  ipAddress: string;
  /** Phone factors only: the code sent by "SMS" (read through the test hook). */
  otpCode: string | null;
}

/** One AMR entry of a session. */
export interface AmrEntry {
  method: string;
  timestamp: number;
}

/** A session row (`auth.sessions`). */
export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: number;
  updatedAt: number;
  refreshedAt: number | null;
  notAfter: number | null;
  aal: 'aal1' | 'aal2';
  amr: AmrEntry[];
  /** The factor whose verification raised the session to aal2. */
  factorId: string | null;
}

/** A legacy refresh-token row (`auth.refresh_tokens`). */
export interface RefreshTokenRecord {
  /** Monotonic, like the bigserial id: the active token is the highest non-revoked one. */
  id: number;
  token: string;
  /** The token string this one was swapped from; `null` for the first. */
  parent: string | null;
  sessionId: string;
  userId: string;
  revoked: boolean;
  createdAt: number;
  /** Set on every update, so revoking records when (spec §3.1). */
  updatedAt: number;
}

/** A PKCE/OAuth flow state (`auth.flow_state`). */
export interface FlowStateRecord {
  id: string;
  authCode: string;
  codeChallenge: string | null;
  codeChallengeMethod: 's256' | 'plain' | null;
  provider: string;
  /** The session AMR method on exchange: `oauth`, `email/signup`, `magiclink`, `otp`, `recovery`. */
  authMethod: string;
  userId: string | null;
  redirectTo: string;
  createdAt: number;
  authCodeIssuedAt: number | null;
  /** OAuth only: the fake provider's code once the provider page has answered. */
  providerCode: string | null;
  providerEmail: string | null;
  callbackUsed: boolean;
  /** Manual linking (`/user/identities/authorize`): the signed-in user the new identity joins. */
  linkingTargetId: string | null;
}

/** A pending email OTP / magic link. */
export interface OtpRecord {
  email: string;
  userId: string;
  otp: string;
  tokenHash: string;
  /** `magiclink` for existing users, `signup` for new ones, `recovery` for resets. */
  type: string;
  createdAt: number;
  /** Set when the request carried a PKCE challenge: `GET /verify` then redirects with `?code=`. */
  flowStateId: string | null;
  redirectTo: string | null;
}
