// Bounds the auth-server calls that tokens no local key can verify may cause (a forged `kid`, HS256 without the secret).
import type { AnonymousReason } from '../session/session.js';
import type { TokenCheck } from '../session/session-provider.js';
import { LruCache } from '../util/lru-cache.js';
import { hashToken } from '../util/token-hash.js';

/** How many such calls one instance makes per minute, and how many answers it remembers. */
export interface ServerCheckBudget {
  /** @default 120 */
  readonly perMinute: number;
  /** @default 10_000 */
  readonly maxEntries: number;
}

export const DEFAULT_SERVER_CHECK_BUDGET: ServerCheckBudget = Object.freeze({ perMinute: 120, maxEntries: 10_000 });

// A refusal is remembered at least this long (a token without a sensible exp), and at most an hour.
const MIN_REMEMBER_SECONDS = 60;
const MAX_REMEMBER_SECONDS = 3600;
const WINDOW_SECONDS = 60;

/** Asks the auth server about a token the instance could not verify itself, within the budget. */
export interface ServerCheckGate {
  /**
   * `ask` is called only when no answer for this token is remembered and the minute's budget is
   * not spent; over budget the answer is `unverified` (anonymous for this request, cookies kept).
   * `remember: true` keeps a `valid` answer until `exp` (for `claims` mode, which trusts a token
   * until it expires anyway); refusals are always remembered, so a replayed forgery costs nothing.
   */
  check(token: string, exp: number, now: number, remember: boolean, ask: () => Promise<TokenCheck>): Promise<TokenCheck>;
}

/**
 * Creates one gate per instance. Keys are token hashes, never tokens.
 *
 * @example
 * const gate = createServerCheckGate({ perMinute: 120, maxEntries: 10_000 });
 * return gate.check(token, claims.exp, now, mode === 'claims', () => getUserCheck(token));
 */
export function createServerCheckGate(budget: ServerCheckBudget = DEFAULT_SERVER_CHECK_BUDGET): ServerCheckGate {
  const refused = new LruCache<string, AnonymousReason>(budget.maxEntries);
  const accepted = new LruCache<string, Extract<TokenCheck, { kind: 'valid' }>>(budget.maxEntries);
  let windowStart = -Infinity;
  let used = 0;

  const spend = (now: number): boolean => {
    if (now - windowStart >= WINDOW_SECONDS) {
      windowStart = now;
      used = 0;
    }
    if (used >= budget.perMinute) return false;
    used++;
    return true;
  };

  return Object.freeze({
    async check(token: string, exp: number, now: number, remember: boolean, ask: () => Promise<TokenCheck>): Promise<TokenCheck> {
      const key = await hashToken(token);
      const reason = refused.get(key, now);
      if (reason !== undefined) return { kind: 'rejected', reason };
      const hit = remember ? accepted.get(key, now) : undefined;
      if (hit !== undefined) return { ...hit, cached: true };
      if (!spend(now)) return { kind: 'unverified' };
      const answer = await ask();
      if (answer.kind === 'rejected') refused.set(key, answer.reason, now + Math.min(MAX_REMEMBER_SECONDS, Math.max(MIN_REMEMBER_SECONDS, exp - now)));
      if (answer.kind === 'valid' && remember) accepted.set(key, answer, Math.min(exp, now + MAX_REMEMBER_SECONDS));
      return answer;
    },
  });
}
