// Walks a spent token's successors to the newest one, so a late request never presents a spent token.
import type { Session } from '../session/session.js';
import type { RefreshStore } from './refresh-store.js';

// Within a ≤ 60 s successor TTL a session rotates a handful of times at most; the bound only
// guards against a corrupt shared store sending the walk round in circles.
const MAX_LINKS = 8;

/**
 * The newest session reachable from the spent token hashed as `key`, or undefined when no
 * successor is recorded. If A→B and B→C were both recorded, A leads to C: B is spent as well, and
 * presenting A itself upstream would look like reuse of a grandparent (gotrue-contract §3.4 B2).
 * Each link counts only while its own record is live at `now`.
 *
 * @example
 * const session = await findNewestSuccessor(store, await hashToken(spentToken), now);
 */
export async function findNewestSuccessor(store: RefreshStore, key: string, now: number): Promise<Session | undefined> {
  let record = await store.getSuccessor(key, now);
  if (record === undefined) return undefined;
  const visited = new Set<string>([key]);
  while (visited.size < MAX_LINKS && !visited.has(record.next)) {
    visited.add(record.next);
    const later = await store.getSuccessor(record.next, now);
    if (later === undefined) break;
    record = later;
  }
  return record.session;
}
