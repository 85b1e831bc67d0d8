// The in-memory database with GoTrue's cascades: user → sessions → refresh tokens (spec §3.1).
import type {
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
  private nextTokenId = 1;

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

  /** The user's sessions, oldest first. */
  sessionsOfUser(userId: string): SessionRecord[] {
    return [...this.sessions.values()].filter((s) => s.userId === userId);
  }

  /** The session's refresh tokens in id order. */
  tokensOfSession(sessionId: string): RefreshTokenRecord[] {
    return [...this.refreshTokens.values()].filter((t) => t.sessionId === sessionId).sort((a, b) => a.id - b.id);
  }

  /** The active token: the non-revoked token with the highest id (`FindCurrentlyActiveRefreshToken`). */
  activeToken(sessionId: string): RefreshTokenRecord | undefined {
    let active: RefreshTokenRecord | undefined;
    for (const token of this.refreshTokens.values()) {
      if (token.sessionId !== sessionId || token.revoked) continue;
      if (active === undefined || token.id > active.id) active = token;
    }
    return active;
  }

  /** Deletes a session and, by cascade, its refresh tokens. */
  deleteSession(sessionId: string): boolean {
    if (!this.sessions.delete(sessionId)) return false;
    for (const [key, token] of this.refreshTokens) if (token.sessionId === sessionId) this.refreshTokens.delete(key);
    return true;
  }

  /** Deletes a user and, by cascade, their sessions, tokens, flow states and OTPs. */
  deleteUser(userId: string): boolean {
    if (!this.users.delete(userId)) return false;
    for (const session of this.sessionsOfUser(userId)) this.deleteSession(session.id);
    for (const [key, flow] of this.flowStates) if (flow.userId === userId) this.flowStates.delete(key);
    this.removeOtps((otp) => otp.userId === userId);
    return true;
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
    this.flowStates.clear();
    this.otps.length = 0;
  }
}
