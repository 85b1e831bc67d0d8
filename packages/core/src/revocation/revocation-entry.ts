// What one revocation says: a session id, or a user's tokens issued up to a time, and until when it matters.

/**
 * A revocation as stores share it. Times are Unix seconds. `expiresAt` is when the last token it
 * can concern has expired (the revocation time plus the longest access-token lifetime): after it
 * the entry is dropped everywhere.
 */
export type RevocationEntry =
  /** Every access token whose `session_id` claim is `sessionId`. */
  | { readonly kind: 'session'; readonly sessionId: string; readonly expiresAt: number }
  /**
   * Every access token of `userId` (`sub`) issued (`iat`) at or before `revokedAt`, except those of
   * `exceptSessionId` (a sign-out of the user's other sessions keeps the current one).
   */
  | { readonly kind: 'user'; readonly userId: string; readonly revokedAt: number; readonly exceptSessionId?: string; readonly expiresAt: number };

// Ids come from tokens and webhooks: bounded, printable, so a store key or a channel message stays sane.
const ID = /^[\x21-\x7e]{1,256}$/;

/** Whether `value` is a well-formed entry (what a store accepts from another instance). */
export function isRevocationEntry(value: unknown): value is RevocationEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  if (!isTime(entry.expiresAt)) return false;
  if (entry.kind === 'session') return isId(entry.sessionId);
  if (entry.kind !== 'user' || !isId(entry.userId) || !isTime(entry.revokedAt)) return false;
  return entry.exceptSessionId === undefined || isId(entry.exceptSessionId);
}

/** Whether `value` can name a session or a user in a revocation. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value);
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
