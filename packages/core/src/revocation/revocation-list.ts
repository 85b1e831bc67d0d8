// The local view the request path reads: revoked session ids and users, looked up synchronously.
import type { SessionClaims } from '../session/session.js';
import type { RevocationEntry } from './revocation-entry.js';

/** A user's revocations, by the session id each one spares ('' for none); per key, none covers another. */
type UserRevocations = Map<string, { revokedAt: number; expiresAt: number }[]>;

/** The in-process list of revocations; no I/O, no await. */
export interface RevocationList {
  /** Records an entry (later entries for the same id keep the later times). */
  add(entry: RevocationEntry, now: number): void;
  /** Whether verified `claims` are revoked at `now`. */
  isRevoked(claims: SessionClaims, now: number): boolean;
  /** True when nothing is held: the cheapest question, asked on every request. */
  isEmpty(): boolean;
  /** Entries held (expired ones count until pruned). */
  readonly size: number;
}

/**
 * Creates the list, bounded by `maxEntries` so sign-outs cannot grow it without end: past the bound
 * the entry added first (the one that expires soonest) goes. Expired entries are pruned as new ones
 * come in, and ignored when looked up.
 *
 * @example
 * const list = createRevocationList(100_000);
 * list.add({ kind: 'session', sessionId, expiresAt: now + 3600 }, now);
 * list.isRevoked(claims, now); // true for a token of that session
 */
export function createRevocationList(maxEntries: number): RevocationList {
  const sessions = new Map<string, number>();
  const users = new Map<string, UserRevocations>();
  // Insertion order of every entry, for pruning and for the bound: [kind, id, except].
  const order: [boolean, string, string][] = [];
  let head = 0;

  const drop = ([isSession, id, except]: [boolean, string, string], now: number | null): void => {
    if (isSession) {
      const expiresAt = sessions.get(id);
      if (expiresAt !== undefined && (now === null || expiresAt <= now)) sessions.delete(id);
      return;
    }
    const revocations = users.get(id);
    const held = revocations?.get(except);
    if (revocations === undefined || held === undefined) return;
    // Over the bound the oldest goes; otherwise only what has expired.
    const kept = now === null ? held.slice(1) : held.filter((item) => item.expiresAt > now);
    if (kept.length > 0) revocations.set(except, kept);
    else revocations.delete(except);
    if (revocations.size === 0) users.delete(id);
  };

  const isExpired = ([isSession, id, except]: [boolean, string, string], now: number): boolean =>
    isSession ? (sessions.get(id) ?? 0) <= now : (users.get(id)?.get(except) ?? []).every((item) => item.expiresAt <= now);

  // The oldest first: expired ones, and whatever is over the bound (the bound counts additions).
  const prune = (now: number): void => {
    while (head < order.length) {
      const oldest = order[head]!;
      const over = order.length - head > maxEntries;
      if (!over && !isExpired(oldest, now)) break;
      drop(oldest, over ? null : now);
      head += 1;
    }
    // Compact now and then, so the queue's memory follows the list's.
    if (head > 1024 && head * 2 > order.length) {
      order.splice(0, head);
      head = 0;
    }
  };

  return {
    get size() {
      let count = sessions.size;
      for (const revocations of users.values()) for (const held of revocations.values()) count += held.length;
      return count;
    },

    isEmpty: () => sessions.size === 0 && users.size === 0,

    add(entry, now) {
      if (entry.expiresAt <= now) return;
      if (entry.kind === 'session') {
        sessions.set(entry.sessionId, Math.max(entry.expiresAt, sessions.get(entry.sessionId) ?? 0));
        order.push([true, entry.sessionId, '']);
      } else {
        const except = entry.exceptSessionId ?? '';
        let revocations = users.get(entry.userId);
        if (revocations === undefined) users.set(entry.userId, (revocations = new Map()));
        const held = revocations.get(except) ?? [];
        // An entry that revokes no fewer tokens for no shorter a time makes the new one moot, and the reverse.
        if (held.some((item) => item.revokedAt >= entry.revokedAt && item.expiresAt >= entry.expiresAt)) return;
        revocations.set(except, [...held.filter((item) => item.revokedAt > entry.revokedAt || item.expiresAt > entry.expiresAt), { revokedAt: entry.revokedAt, expiresAt: entry.expiresAt }]);
        order.push([false, entry.userId, except]);
      }
      prune(now);
    },

    isRevoked(claims, now) {
      const sessionId = claims.session_id;
      if (typeof sessionId === 'string' && (sessions.get(sessionId) ?? 0) > now) return true;
      const revocations = users.get(claims.sub);
      if (revocations === undefined) return false;
      // A token without `iat` cannot show it was issued after the revocation.
      const issuedAt = typeof claims.iat === 'number' ? claims.iat : Number.NEGATIVE_INFINITY;
      for (const [except, held] of revocations) {
        if (except !== '' && sessionId === except) continue;
        for (const { revokedAt, expiresAt } of held) if (expiresAt > now && issuedAt <= revokedAt) return true;
      }
      return false;
    },
  };
}
