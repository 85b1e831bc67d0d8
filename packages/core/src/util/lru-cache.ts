// A bounded map with per-entry expiry: every cache in the core goes through it, so memory stays bounded.

/**
 * Least-recently-used cache with an expiry per entry (Unix seconds, compared with a `now` the
 * caller passes in: the cache never reads a clock). Inserting past `maxEntries` evicts the
 * least recently used entry.
 *
 * @example
 * const cache = new LruCache<string, Claims>(10_000);
 * cache.set(key, claims, claims.exp);
 * cache.get(key, now); // undefined once now >= exp
 */
export class LruCache<K, V> {
  // A Map iterates in insertion order; re-inserting on read makes the first key the least recently used.
  readonly #entries = new Map<K, { value: V; expiresAt: number }>();
  readonly #maxEntries: number;

  constructor(maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
    this.#maxEntries = maxEntries;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K, now: number): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    if (now >= entry.expiresAt) return undefined;
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V, expiresAt: number): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
