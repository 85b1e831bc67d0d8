// Remembers verified sessions by the hash of their raw cookie value: a repeat request skips decode, peek and hash of the token.
import { deepFreeze } from '../util/deep-freeze.js';
import type { TokenHasher } from '../util/token-hash.js';
import type { PeekedToken } from '../verify/peek-token.js';
import type { Session } from './session.js';
import type { SessionRead, TokenCheck } from './session-provider.js';

/** A read the cache hands out: the session (deeply frozen, shared between requests) and its peeked token. */
export type CachedRead = Extract<SessionRead, { kind: 'present' }> & { readonly token: PeekedToken | null };

/** The modes whose valid answer is remembered: `user` asks the auth server every time, by design. */
export type CachedCheckMode = 'claims' | 'session';

/** A valid token check, as the port defines it. */
type ValidCheck = Extract<TokenCheck, { kind: 'valid' }>;

/** Bounds of a session read cache. */
export interface SessionReadCacheOptions {
  /** Most entries held. */
  readonly maxEntries: number;
  /** Most characters of raw cookie values held (a 10-chunk session is ≈ 32,000); 0 turns the cache off. */
  readonly maxBytes: number;
  /** The instance's token hash: keys are hashes, never a cookie value. */
  readonly hashToken: TokenHasher;
  /** The provider's unverified peek at an access token (its `peekToken`). */
  readonly peek: (accessToken: string) => PeekedToken | null;
}

interface Entry {
  readonly key: string;
  readonly size: number;
  readonly read: CachedRead;
  /** Only cookies whose session does not depend on the clock (`expires_at` stored) are kept. */
  readonly cacheable: boolean;
  /** Valid checks by mode, each with the `cached: true` flag set; used until the claims' `exp`. */
  readonly checks: { claims?: ValidCheck; session?: ValidCheck };
}

export interface SessionReadCache {
  /**
   * The read of `raw` (the session cookie's joined value): the cached one when this exact value was
   * read and vouched for before, else `decode(raw)` — its session deeply frozen and remembered for
   * `remember`. A read that is not `present`, or a cache turned off, passes `decode`'s answer through.
   */
  read(raw: string, now: number, decode: (raw: string) => { readonly read: SessionRead; readonly cacheable: boolean }): SessionRead;
  /** The remembered valid check of `session` in `mode`, while `now` is before the claims' `exp`. */
  checked(session: Session, mode: CachedCheckMode, now: number): ValidCheck | undefined;
  /** Remembers a valid check of a session this cache read; only now does its cookie value enter the cache. */
  remember(session: Session, mode: CachedCheckMode, check: ValidCheck, now: number): void;
}

/**
 * Creates the cache a provider puts in front of its cookie decoding (`@lockstep/supabase` does).
 * Keyed on the SHA-256 of the raw joined cookie value, so a hit is the very same bytes as before:
 * the decoded session cannot differ. An entry enters only after a check in `claims` (signature
 * verified) or `session` mode said valid, and leaves at the token's `exp`, on eviction (least
 * recently used, over `maxEntries` or `maxBytes`), or never enters when `maxBytes` is 0. Every hit's
 * check is re-timed against `now`, and revocation is applied above the provider, on hits too.
 *
 * @example
 * const reads = createSessionReadCache({ maxEntries: 10_000, maxBytes: 16 * 1024 * 1024, hashToken, peek: peekToken });
 * const read = reads.read(joinedCookieValue, now, decodeCookie);
 */
export function createSessionReadCache(options: SessionReadCacheOptions): SessionReadCache {
  const { maxEntries, maxBytes, hashToken, peek } = options;
  // Map order is recency: a hit moves its entry to the end, eviction takes from the front.
  const entries = new Map<string, Entry>();
  // The entry of every session this cache handed out, cached or not yet: weak, so a miss costs no memory.
  const bySession = new WeakMap<Session, Entry>();
  let bytes = 0;

  function evict(entry: Entry): void {
    if (entries.get(entry.key) !== entry) return;
    entries.delete(entry.key);
    bytes -= entry.size;
  }

  function fresh(entry: Entry, now: number): boolean {
    const check = entry.checks.claims ?? entry.checks.session;
    return check !== undefined && now < check.claims.exp;
  }

  return {
    read(raw, now, decode) {
      if (maxBytes === 0) return decode(raw).read;
      const key = hashToken(raw);
      const hit = entries.get(key);
      if (hit !== undefined) {
        entries.delete(key);
        if (fresh(hit, now)) {
          entries.set(key, hit);
          return hit.read;
        }
        bytes -= hit.size;
      }
      const { read, cacheable } = decode(raw);
      if (read.kind !== 'present') return read;
      const session = deepFreeze({ ...read.session });
      const cached: CachedRead = Object.freeze({ kind: 'present', session, token: peek(session.accessToken) });
      bySession.set(session, { key, size: raw.length, read: cached, cacheable: cacheable && raw.length <= maxBytes, checks: {} });
      return cached;
    },
    checked(session, mode, now) {
      const check = bySession.get(session)?.checks[mode];
      return check !== undefined && now < check.claims.exp ? check : undefined;
    },
    remember(session, mode, check, now) {
      const entry = bySession.get(session);
      if (entry === undefined || !entry.cacheable || !(now < check.claims.exp)) return;
      entry.checks[mode] = Object.freeze({ ...check, cached: true });
      if (entries.get(entry.key) === entry) return;
      const previous = entries.get(entry.key);
      if (previous !== undefined) evict(previous);
      entries.set(entry.key, entry);
      bytes += entry.size;
      for (const oldest of entries.values()) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break;
        evict(oldest);
      }
    },
  };
}
