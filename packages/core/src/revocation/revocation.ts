// An instance's revocations: the local view the hot path reads, its store, and the ways entries are marked.
import { LockstepError } from '../errors.js';
import { emit, type EventHandler } from '../events.js';
import type { Session, SessionClaims } from '../session/session.js';
import type { SessionProvider, SignOutScope } from '../session/session-provider.js';
import { isId, type RevocationEntry } from './revocation-entry.js';
import { createRevocationList } from './revocation-list.js';
import { createMemoryRevocationStore } from './memory-revocation-store.js';
import type { RevocationConfig } from './revocation-options.js';
import type { RevocationStoreStatus } from './revocation-store.js';
import { verifiedClaims } from './verified-claims.js';

/** What the engine and the instance's operations use. */
export interface Revocation {
  /** Whether verified claims are revoked; synchronous, no I/O. */
  isRevoked(claims: SessionClaims, now: number): boolean;
  /** True while nothing is held: the hot path then skips the lookup. */
  isEmpty(): boolean;
  /** True while `claims` checks must go to the auth server (`onStoreError: 'closed'`, store not current). */
  isDegraded(): boolean;
  /** True until the store first reported (loaded, or failed to): the view may lack earlier revocations. */
  isPending(): boolean;
  /** Resolves once the store first reported, or after `FIRST_REPORT_MS` (then it counts as unavailable). */
  whenSettled(): Promise<void>;
  revokeSession(sessionId: string, now: number): Promise<void>;
  revokeUser(userId: string, now: number, exceptSessionId?: string): Promise<void>;
  /**
   * Verifies the (live) session a sign-out ends and returns the marking to run once the server was
   * told (`null`: nothing to mark, e.g. a forged cookie or an expired token). The marking never rejects.
   */
  prepareSignOut(session: Session, scope: SignOutScope, now: number): Promise<(() => Promise<void>) | null>;
  /** Marks the session of a refresh token the auth server refused for good (its family is revoked); never rejects. */
  markRefused(session: Session, now: number): Promise<void>;
}

/**
 * Subscribes the instance's list to its store (the default: a memory store of its own) and
 * tracks the store's status. `provider` verifies what sign-outs and refusals mark; it must be the
 * provider without the revocation check, so an already revoked session can still be marked wider.
 */
export function createRevocation(config: RevocationConfig, provider: SessionProvider, clock: () => number, onEvent: EventHandler | undefined): Revocation {
  const list = createRevocationList(config.maxEntries);
  const store = config.store ?? createMemoryRevocationStore({ now: clock });
  // Until the store first reports, the view may lack earlier revocations: checks wait for that report (see `whenSettled`).
  let status: RevocationStoreStatus | { kind: 'pending' } = { kind: 'pending' };
  let settle = (): void => undefined;
  const settled = new Promise<void>((resolve) => (settle = resolve));
  let bounded: Promise<void> | undefined;
  const report = (next: RevocationStoreStatus): void => {
    const was = status.kind;
    status = next;
    settle();
    if (next.kind === 'unavailable' && was !== 'unavailable') emit(onEvent, { type: 'revocation.store_unavailable', policy: config.onStoreError, ...(next.code === undefined ? {} : { code: next.code }) });
    if (next.kind === 'available' && was === 'unavailable') emit(onEvent, { type: 'revocation.store_available' });
  };
  store.subscribe({ add: (entry) => list.add(entry, clock()), status: report });

  const publish = async (entry: RevocationEntry, now: number): Promise<void> => {
    // Here first: this instance refuses the session at once, whatever the store does.
    list.add(entry, now);
    try {
      await store.publish(entry);
    } catch (error) {
      throw new LockstepError('ERR_REVOCATION_UNAVAILABLE', 'The revocation store did not take the revocation; this instance has it, others may not. Retry.', { cause: codeOnly(error) });
    }
  };
  const quietly = async (entry: RevocationEntry, now: number): Promise<void> => {
    try {
      await publish(entry, now);
    } catch (error) {
      emit(onEvent, { type: 'revocation.store_unavailable', policy: config.onStoreError, ...codeOnly((error as { cause?: unknown }).cause) });
    }
  };
  const lifetime = config.maxTokenLifetimeSeconds;

  const revocation: Revocation = {
    isRevoked: (claims, now) => list.isRevoked(claims, now),
    isEmpty: () => list.isEmpty(),
    isDegraded: () => config.onStoreError === 'closed' && status.kind !== 'available',
    isPending: () => status.kind === 'pending',
    whenSettled() {
      if (status.kind !== 'pending') return Promise.resolve();
      // A store that never reports must not hold requests: after the bound, its policy applies.
      bounded ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          if (status.kind === 'pending') report({ kind: 'unavailable', code: 'ERR_REVOCATION_STORE_SILENT' });
          resolve();
        }, FIRST_REPORT_MS);
        void settled.then(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      return bounded;
    },
    revokeSession(sessionId, now) {
      if (!isId(sessionId)) return Promise.reject(new LockstepError('ERR_REQUEST_INVALID', 'revokeSession needs a session id (1 to 256 printable characters).'));
      return publish({ kind: 'session', sessionId, expiresAt: now + lifetime }, now);
    },
    revokeUser(userId, now, exceptSessionId) {
      if (!isId(userId) || (exceptSessionId !== undefined && !isId(exceptSessionId))) {
        return Promise.reject(new LockstepError('ERR_REQUEST_INVALID', 'revokeUser needs a user id (1 to 256 printable characters).'));
      }
      return publish({ kind: 'user', userId, revokedAt: now, ...(exceptSessionId === undefined ? {} : { exceptSessionId }), expiresAt: now + lifetime }, now);
    },
    async prepareSignOut(session, scope, now) {
      const claims = await verifiedClaims(provider, session, now);
      if (claims === null || !isId(claims.sub)) return null;
      const sessionId = isId(claims.session_id) ? claims.session_id : undefined;
      let entry: RevocationEntry;
      if (scope === 'global') entry = { kind: 'user', userId: claims.sub, revokedAt: now, expiresAt: now + lifetime };
      // Without a session id a token cannot be told from the user's others: nothing narrower can be marked.
      else if (sessionId === undefined) return null;
      else if (scope === 'local') entry = { kind: 'session', sessionId, expiresAt: now + lifetime };
      else entry = { kind: 'user', userId: claims.sub, revokedAt: now, exceptSessionId: sessionId, expiresAt: now + lifetime };
      return () => quietly(entry, now);
    },
    async markRefused(session, now) {
      const claims = await verifiedClaims(provider, session, now, 'as-of-expiry');
      if (claims !== null && isId(claims.session_id)) await quietly({ kind: 'session', sessionId: claims.session_id, expiresAt: now + lifetime }, now);
    },
  };
  return Object.freeze(revocation);
}

/** How long the first requests wait for a store's first report (its initial load) before its policy applies. */
export const FIRST_REPORT_MS = 5000;

/** Only a stable code leaves a store error: messages of store clients may quote their arguments. */
function codeOnly(error: unknown): { code?: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? { code } : {};
}
