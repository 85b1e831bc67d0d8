// The mock's state: users, login sessions, authorization codes and refresh-token families with rotation.
import { randomBytes, randomUUID } from 'node:crypto';

/** A user of the mock. */
export interface OidcUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
}

/** What the authorization endpoint recorded for a code. */
export interface CodeGrant {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly nonce: string | null;
  readonly scope: string;
  readonly sid: string;
  readonly user: OidcUser;
}

/** The grant a token answer is built for. */
export interface IssuedGrant {
  readonly user: OidcUser;
  readonly sid: string;
  readonly scope: string;
  readonly familyId: string;
  readonly refreshToken: string;
}

/** What redeeming a code or spending a refresh token ends in. */
export type RedeemResult =
  | { readonly kind: 'issued'; readonly grant: IssuedGrant; readonly nonce: string | null; readonly code: CodeGrant }
  | { readonly kind: 'refused'; readonly description: string };

/** What spending a refresh token ends in. */
export type RotateResult =
  | { readonly kind: 'issued'; readonly grant: IssuedGrant; readonly via: 'rotated' | 'reuse-interval' }
  | { readonly kind: 'refused'; readonly description: string };

/** A refresh token as tests may inspect it. */
export type RefreshTokenState = 'active' | 'spent' | 'revoked' | 'unknown';

interface CodeRecord extends CodeGrant {
  readonly expiresAt: number;
  /** Set once redeemed; a second redemption revokes what the first issued (RFC 6749 §4.1.2). */
  familyId: string | null;
  used: boolean;
}

interface FamilyRecord {
  readonly id: string;
  readonly sid: string;
  readonly clientId: string;
  readonly scope: string;
  readonly user: OidcUser;
  revoked: boolean;
  active: string;
}

interface RefreshRecord {
  readonly familyId: string;
  /** Unix seconds at which it was spent; `null` while it is the family's active token. */
  spentAt: number | null;
}

/**
 * The refresh rules:
 * 1. unknown token, revoked family, another client's token → `invalid_grant`;
 * 2. the active token → spent, a new active token issued (`rotated`);
 * 3. a spent token within `reuseIntervalSeconds` of being spent → the family's active token again,
 *    no new rotation (`reuse-interval`: concurrent or late clients converge on one token);
 * 4. a spent token after that → reuse: the whole family is revoked, `invalid_grant`.
 * Every decision is synchronous, so concurrent requests cannot interleave inside one.
 */
export class GrantStore {
  readonly #users = new Map<string, OidcUser>();
  readonly #sessions = new Map<string, { readonly userId: string; ended: boolean }>();
  readonly #codes = new Map<string, CodeRecord>();
  readonly #families = new Map<string, FamilyRecord>();
  readonly #refreshTokens = new Map<string, RefreshRecord>();
  readonly #revokedAccessTokens = new Set<string>();
  reuseIntervalSeconds: number;

  constructor(reuseIntervalSeconds: number) {
    this.reuseIntervalSeconds = reuseIntervalSeconds;
  }

  addUser(email: string, name?: string): OidcUser {
    const user = { id: randomUUID(), email, name: name ?? email.split('@')[0] ?? email };
    this.#users.set(email.toLowerCase(), user);
    return user;
  }

  userByEmail(email: string): OidcUser | undefined {
    return this.#users.get(email.toLowerCase());
  }

  /** A login session at the provider (the `sid` of its tokens). */
  startSession(user: OidcUser): string {
    const sid = randomUUID();
    this.#sessions.set(sid, { userId: user.id, ended: false });
    return sid;
  }

  isSessionLive(sid: string): boolean {
    return this.#sessions.get(sid)?.ended === false;
  }

  /** Ends a login session and revokes every family issued under it (logout). */
  endSession(sid: string): void {
    const session = this.#sessions.get(sid);
    if (session !== undefined) session.ended = true;
    for (const family of this.#families.values()) if (family.sid === sid) family.revoked = true;
  }

  /** Ends every session of the user (a logout elsewhere, an admin action). */
  endUserSessions(userId: string): void {
    for (const [sid, session] of this.#sessions) if (session.userId === userId) this.endSession(sid);
  }

  issueCode(grant: CodeGrant, expiresAt: number): string {
    const code = randomBytes(24).toString('base64url');
    this.#codes.set(code, { ...grant, expiresAt, familyId: null, used: false });
    return code;
  }

  /** Redeems a code once; `check` refuses it for a wrong client, redirect URI or verifier. */
  redeemCode(code: string, now: number, check: (grant: CodeGrant) => string | null): RedeemResult {
    const record = this.#codes.get(code);
    if (record === undefined) return { kind: 'refused', description: 'unknown authorization code' };
    if (record.used) {
      // A replayed code: whatever it issued is revoked too (RFC 6749 §4.1.2).
      if (record.familyId !== null) this.revokeFamily(record.familyId);
      return { kind: 'refused', description: 'authorization code already used' };
    }
    if (now >= record.expiresAt) return { kind: 'refused', description: 'authorization code expired' };
    const problem = check(record);
    if (problem !== null) return { kind: 'refused', description: problem };
    record.used = true;
    if (!this.isSessionLive(record.sid)) return { kind: 'refused', description: 'session ended' };
    const grant = this.startFamily(record.user, record.sid, record.clientId, record.scope);
    record.familyId = grant.familyId;
    return { kind: 'issued', grant, nonce: record.nonce, code: record };
  }

  /** A new refresh-token family under a login session. */
  startFamily(user: OidcUser, sid: string, clientId: string, scope: string): IssuedGrant {
    const family: FamilyRecord = { id: randomUUID(), sid, clientId, scope, user, revoked: false, active: '' };
    this.#families.set(family.id, family);
    family.active = this.#newRefreshToken(family.id);
    return { user, sid, scope, familyId: family.id, refreshToken: family.active };
  }

  rotate(token: string, clientId: string, now: number): RotateResult {
    const record = this.#refreshTokens.get(token);
    const family = record === undefined ? undefined : this.#families.get(record.familyId);
    if (record === undefined || family === undefined) return { kind: 'refused', description: 'unknown refresh token' };
    if (family.clientId !== clientId) return { kind: 'refused', description: 'refresh token issued to another client' };
    if (family.revoked || !this.isSessionLive(family.sid)) return { kind: 'refused', description: 'refresh token revoked' };
    const grant = (refreshToken: string): IssuedGrant => ({ user: family.user, sid: family.sid, scope: family.scope, familyId: family.id, refreshToken });
    if (record.spentAt === null) {
      record.spentAt = now;
      family.active = this.#newRefreshToken(family.id);
      return { kind: 'issued', grant: grant(family.active), via: 'rotated' };
    }
    if (now - record.spentAt <= this.reuseIntervalSeconds) return { kind: 'issued', grant: grant(family.active), via: 'reuse-interval' };
    family.revoked = true;
    return { kind: 'refused', description: 'refresh token reused' };
  }

  /** RFC 7009 for a refresh token: its family ends. `false` when the token is another client's. */
  revokeRefreshToken(token: string, clientId: string): 'revoked' | 'unknown' | 'other_client' {
    const record = this.#refreshTokens.get(token);
    const family = record === undefined ? undefined : this.#families.get(record.familyId);
    if (family === undefined) return 'unknown';
    if (family.clientId !== clientId) return 'other_client';
    family.revoked = true;
    return 'revoked';
  }

  revokeFamily(familyId: string): void {
    const family = this.#families.get(familyId);
    if (family !== undefined) family.revoked = true;
  }

  isFamilyLive(familyId: string): boolean {
    const family = this.#families.get(familyId);
    return family !== undefined && !family.revoked && this.isSessionLive(family.sid);
  }

  revokeAccessToken(jti: string): void {
    this.#revokedAccessTokens.add(jti);
  }

  isAccessTokenRevoked(jti: string): boolean {
    return this.#revokedAccessTokens.has(jti);
  }

  refreshTokenState(token: string): RefreshTokenState {
    const record = this.#refreshTokens.get(token);
    if (record === undefined) return 'unknown';
    if (!this.isFamilyLive(record.familyId)) return 'revoked';
    return record.spentAt === null ? 'active' : 'spent';
  }

  #newRefreshToken(familyId: string): string {
    const token = randomBytes(32).toString('base64url');
    this.#refreshTokens.set(token, { familyId, spentAt: null });
    return token;
  }
}
