// Users, sessions and refresh-token rotation with reuse detection (GoTrue's legacy rotation, simplified).
import { randomBytes, randomUUID } from 'node:crypto';

/** A user of the fake. */
export interface FakeUser {
  readonly id: string;
  readonly email: string;
  readonly password: string;
}

interface SessionRecord {
  readonly id: string;
  readonly userId: string;
  revoked: boolean;
  /** Unix seconds of the sign-in (the tokens' `auth_time`). */
  readonly authTime: number;
  readonly claims: Readonly<Record<string, unknown>>;
}

interface RefreshRecord {
  readonly token: string;
  readonly sessionId: string;
  /** Epoch seconds at which it was spent; `null` while it is the session's active token. */
  spentAt: number | null;
  child: string | null;
}

/** What spending a refresh token ends in. */
export type RotationResult =
  | { readonly kind: 'issued'; readonly user: FakeUser; readonly sessionId: string; readonly refreshToken: string; readonly cause: 'rotated' | 'reuse-window' }
  | { readonly kind: 'rejected'; readonly code: 'refresh_token_not_found' | 'refresh_token_already_used' | 'session_not_found' };

/**
 * The fake's state. Rotation rules:
 * 1. an unknown token → `refresh_token_not_found`;
 * 2. a token of a revoked session → `session_not_found`;
 * 3. the active token → spent, a child issued (`rotated`);
 * 4. a spent token within `reuseIntervalSeconds` of being spent → the session's current active
 *    token, no new rotation (`reuse-window`: concurrent or late clients converge on one token);
 * 5. a spent token after that → reuse detected: the whole session is revoked, `refresh_token_already_used`.
 * Each decision is synchronous, so concurrent requests cannot interleave inside one.
 */
export class TokenStore {
  readonly #users = new Map<string, FakeUser>();
  readonly #sessions = new Map<string, SessionRecord>();
  readonly #tokens = new Map<string, RefreshRecord>();
  readonly #reuseIntervalSeconds: number;

  constructor(reuseIntervalSeconds: number) {
    this.#reuseIntervalSeconds = reuseIntervalSeconds;
  }

  addUser(email: string, password: string): FakeUser {
    const user = { id: randomUUID(), email, password };
    this.#users.set(email.toLowerCase(), user);
    return user;
  }

  userByEmail(email: string): FakeUser | undefined {
    return this.#users.get(email.toLowerCase());
  }

  userById(id: string): FakeUser | undefined {
    return [...this.#users.values()].find((user) => user.id === id);
  }

  /**
   * Starts a session for the user; returns its id and first refresh token. `authTime` (Unix seconds)
   * and `claims` go into every access token of the session, rotations included.
   */
  startSession(user: FakeUser, authTime = 0, claims: Readonly<Record<string, unknown>> = {}): { sessionId: string; refreshToken: string } {
    const session = { id: randomUUID(), userId: user.id, revoked: false, authTime, claims };
    this.#sessions.set(session.id, session);
    return { sessionId: session.id, refreshToken: this.#issue(session.id) };
  }

  /** What the session's access tokens carry besides the user: when it signed in, and extra claims. */
  sessionClaims(sessionId: string): Readonly<Record<string, unknown>> {
    const session = this.#sessions.get(sessionId);
    return session === undefined ? {} : { ...session.claims, auth_time: session.authTime };
  }

  isLive(sessionId: string): boolean {
    return this.#sessions.get(sessionId)?.revoked === false;
  }

  revokeSession(sessionId: string): void {
    const session = this.#sessions.get(sessionId);
    if (session !== undefined) session.revoked = true;
  }

  /** Ends every session of the user (a logout elsewhere, an admin action), but `exceptSessionId` when given. */
  revokeUser(userId: string, exceptSessionId?: string): number {
    let count = 0;
    for (const [sessionId, session] of this.#sessions) {
      if (session.userId === userId && !session.revoked && sessionId !== exceptSessionId) {
        session.revoked = true;
        count++;
      }
    }
    return count;
  }

  liveSessionCount(userId: string): number {
    return [...this.#sessions.values()].filter((session) => session.userId === userId && !session.revoked).length;
  }

  rotate(token: string, now: number): RotationResult {
    const record = this.#tokens.get(token);
    if (record === undefined) return { kind: 'rejected', code: 'refresh_token_not_found' };
    const session = this.#sessions.get(record.sessionId);
    const user = session === undefined ? undefined : this.userById(session.userId);
    if (session === undefined || session.revoked || user === undefined) return { kind: 'rejected', code: 'session_not_found' };
    if (record.spentAt === null) {
      record.spentAt = now;
      record.child = this.#issue(session.id);
      return { kind: 'issued', user, sessionId: session.id, refreshToken: record.child, cause: 'rotated' };
    }
    if (now - record.spentAt <= this.#reuseIntervalSeconds) {
      return { kind: 'issued', user, sessionId: session.id, refreshToken: this.#activeAfter(record), cause: 'reuse-window' };
    }
    session.revoked = true;
    return { kind: 'rejected', code: 'refresh_token_already_used' };
  }

  #activeAfter(record: RefreshRecord): string {
    let current = record;
    while (current.child !== null) {
      const next = this.#tokens.get(current.child);
      if (next === undefined) break;
      current = next;
    }
    return current.token;
  }

  #issue(sessionId: string): string {
    const token = randomBytes(18).toString('base64url');
    this.#tokens.set(token, { token, sessionId, spentAt: null, child: null });
    return token;
  }
}
