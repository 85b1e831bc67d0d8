// Access tokens a resource server refused (401) although they had not expired: the next request refreshes first.
import type { Session } from '@lockstep/core';
import { LruCache } from '@lockstep/core/provider';
import { hashToken } from '@lockstep/core/provider';

/** Bound of the set: a refused token only needs to be remembered until its session refreshes. */
const MAX_REFUSED = 10_000;

/**
 * Remembers refused access tokens by hash (never the token, DESIGN §3.4) until they expire. The
 * provider reads a session whose token is in the set as expired, so the engine refreshes it
 * through the coordinator: one refresh for all concurrent callers, the successor cache for late ones.
 */
export class RefusedTokens {
  readonly #tokens = new LruCache<string, true>(MAX_REFUSED);

  /** Marks the session's access token as refused until its expiry. */
  async add(session: Session): Promise<void> {
    this.#tokens.set(await hashToken(session.accessToken), true, session.expiresAt);
  }

  /** Whether the token was refused; costs nothing while the set is empty. */
  async has(accessToken: string, now: number): Promise<boolean> {
    if (this.#tokens.size === 0) return false;
    return this.#tokens.get(await hashToken(accessToken), now) === true;
  }
}
