// Freezes an object graph, for values shared between requests (cached claims and sessions).

/**
 * Freezes `root` and every object reachable from it, and returns it. Iterative, so a deeply
 * nested value (a user's metadata) cannot overflow the stack; already frozen objects are skipped.
 *
 * @example
 * const claims = deepFreeze(JSON.parse(json)); // no request can edit what the next one reads
 */
export function deepFreeze<T extends object>(root: T): T {
  const pending: object[] = [root];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (Object.isFrozen(next)) continue;
    Object.freeze(next);
    for (const value of Object.values(next)) {
      if (typeof value === 'object' && value !== null) pending.push(value);
    }
  }
  return root;
}
