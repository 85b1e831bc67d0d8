// The in-memory database with GoTrue's cascades: user → sessions → refresh tokens (spec §3.1).
import type {
  ChallengeRecord,
  FactorRecord,
  FlowStateRecord,
  OtpRecord,
  RefreshTokenRecord,
  SessionRecord,
  UserRecord,
} from './records.js';

/** The mock's tables and the queries the handlers need. */
export class Store {
  readonly users = new Map<string, UserRecord>();
  readonly sessions = new Map<string, SessionRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly flowStates = new Map<string, FlowStateRecord>();
  readonly otps: OtpRecord[] = [];
  /** MFA challenges by id. */
  readonly challenges = new Map<string, ChallengeRecord>();
  /** Refresh tokens per session in id order, so refreshes stay O(family) however many sessions exist. */
  private readonly tokensBySession = new Map<string, RefreshTokenRecord[]>();
  private nextTokenId = 1;

  /** Stores a new refresh token (its id must come from {@link allocateTokenId}). */
  addRefreshToken(token: RefreshTokenRecord): void {
    this.refreshTokens.set(token.token, token);
    const family = this.tokensBySession.get(token.sessionId);
    if (family === undefined) this.tokensBySession.set(token.sessionId, [token]);
    else family.push(token);
  }

  /** Deletes one refresh token row. */
  deleteRefreshToken(token: RefreshTokenRecord): void {
    this.refreshTokens.delete(token.token);
    const family = this.tokensBySession.get(token.sessionId);
    if (family !== undefined) this.tokensBySession.set(token.sessionId, family.filter((t) => t !== token));
  }

  /** Allocates the next refresh-token id (monotonic, never reused). */
  allocateTokenId(): number {
    return this.nextTokenId++;
  }

  /** Finds a user by email, case-insensitively. */
  findUserByEmail(email: string): UserRecord | undefined {
    const wanted = email.trim().toLowerCase();
    for (const user of this.users.values()) if (user.email === wanted) return user;
    return undefined;
  }

  /** Finds a user by phone (E.164 digits without `+`). */
  findUserByPhone(phone: string): UserRecord | undefined {
    if (phone === '') return undefined;
    for (const user of this.users.values()) if (user.phone === phone) return user;
    return undefined;
  }

  /** The user's sessions, oldest first. */
  sessionsOfUser(userId: string): SessionRecord[] {
    return [...this.sessions.values()].filter((s) => s.userId === userId);
  }

  /** The session's refresh tokens in id order. */
  tokensOfSession(sessionId: string): RefreshTokenRecord[] {
    return [...(this.tokensBySession.get(sessionId) ?? [])];
  }

  /** The active token: the non-revoked token with the highest id (`FindCurrentlyActiveRefreshToken`). */
  activeToken(sessionId: string): RefreshTokenRecord | undefined {
    const family = this.tokensBySession.get(sessionId) ?? [];
    for (let i = family.length - 1; i >= 0; i--) {
      const token = family[i];
      if (token !== undefined && !token.revoked) return token;
    }
    return undefined;
  }

  /** Deletes a session and, by cascade, its refresh tokens. */
  deleteSession(sessionId: string): boolean {
    if (!this.sessions.delete(sessionId)) return false;
    for (const token of this.tokensBySession.get(sessionId) ?? []) this.refreshTokens.delete(token.token);
    this.tokensBySession.delete(sessionId);
    return true;
  }

  /** Deletes a user and, by cascade, their factors, challenges, sessions, tokens, flow states and OTPs. */
  deleteUser(userId: string): boolean {
    const user = this.users.get(userId);
    if (user === undefined) return false;
    for (const factor of [...user.factors]) this.deleteFactor(user, factor.id);
    this.users.delete(userId);
    for (const session of this.sessionsOfUser(userId)) this.deleteSession(session.id);
    for (const [key, flow] of this.flowStates) if (flow.userId === userId) this.flowStates.delete(key);
    this.removeOtps((otp) => otp.userId === userId);
    return true;
  }

  /** Finds a user's factor and its owner by the factor id. */
  findFactor(factorId: string): { user: UserRecord; factor: FactorRecord } | undefined {
    for (const user of this.users.values()) {
      const factor = user.factors.find((f) => f.id === factorId);
      if (factor !== undefined) return { user, factor };
    }
    return undefined;
  }

  /** Deletes a factor and its challenges. */
  deleteFactor(user: UserRecord, factorId: string): void {
    user.factors = user.factors.filter((f) => f.id !== factorId);
    for (const [id, challenge] of this.challenges) if (challenge.factorId === factorId) this.challenges.delete(id);
  }

  /** Removes OTP rows matching `predicate`. */
  removeOtps(predicate: (otp: OtpRecord) => boolean): void {
    for (let i = this.otps.length - 1; i >= 0; i--) {
      const otp = this.otps[i];
      if (otp !== undefined && predicate(otp)) this.otps.splice(i, 1);
    }
  }

  /** Empties every table. */
  clear(): void {
    this.users.clear();
    this.sessions.clear();
    this.refreshTokens.clear();
    this.tokensBySession.clear();
    this.flowStates.clear();
    this.otps.length = 0;
    this.challenges.clear();
  }
}
