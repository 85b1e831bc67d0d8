// Fault injection and call counters per endpoint of the fake token backend (test-only controls).

/** The endpoints the fake counts and can fault. */
export type TokenBackendEndpoint = 'login' | 'refresh' | 'logout' | 'me' | 'api' | 'jwks';

/** A fault applied before the endpoint runs. */
export type TokenBackendFault =
  | { readonly kind: 'status'; readonly status: 500 | 502 | 503 | 504 }
  | { readonly kind: 'rate-limit' }
  /** Waits, then answers normally (a slow backend; with a long delay, a timeout). */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Closes the connection without an answer (in-process: the fetch rejects). */
  | { readonly kind: 'drop' }
  /** A 200 with an HTML body: a gateway page where JSON was expected. */
  | { readonly kind: 'html' };

interface FaultRule {
  readonly endpoint: TokenBackendEndpoint | '*';
  readonly fault: TokenBackendFault;
  remaining: number | null;
}

/** The fault table and counters of one fake. */
export class FaultTable {
  #rules: FaultRule[] = [];
  readonly #counts = new Map<TokenBackendEndpoint, number>();

  /** Adds a fault; earlier rules win; `times` limits how many calls it applies to. */
  fail(endpoint: TokenBackendEndpoint | '*', fault: TokenBackendFault, options: { readonly times?: number } = {}): void {
    if (options.times !== undefined && (!Number.isInteger(options.times) || options.times < 1)) throw new TypeError('times must be a positive integer');
    this.#rules.push({ endpoint, fault, remaining: options.times ?? null });
  }

  clear(): void {
    this.#rules = [];
  }

  /** Counts a call and returns the fault to apply, consuming one use. */
  onCall(endpoint: TokenBackendEndpoint): TokenBackendFault | null {
    this.#counts.set(endpoint, (this.#counts.get(endpoint) ?? 0) + 1);
    const rule = this.#rules.find((candidate) => candidate.endpoint === endpoint || candidate.endpoint === '*');
    if (rule === undefined) return null;
    if (rule.remaining !== null && --rule.remaining <= 0) this.#rules = this.#rules.filter((candidate) => candidate !== rule);
    return rule.fault;
  }

  count(endpoint: TokenBackendEndpoint): number {
    return this.#counts.get(endpoint) ?? 0;
  }

  resetCounts(): void {
    this.#counts.clear();
  }
}
