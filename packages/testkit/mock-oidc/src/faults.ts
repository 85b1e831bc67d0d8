// Outage injection and call counters per endpoint (test-only controls).

/** The endpoints the mock counts and can fault; the token endpoint is counted per grant. */
export type OidcEndpoint =
  | 'discovery'
  | 'jwks'
  | 'authorize'
  | 'token:authorization_code'
  | 'token:refresh_token'
  | 'token:other'
  | 'userinfo'
  | 'end_session'
  | 'revocation';

/** What an outage looks like from the client. */
export type OidcFault =
  | { readonly kind: 'status'; readonly status: 500 | 502 | 503 | 504 }
  | { readonly kind: 'rate-limit' }
  /** The connection closes without an answer (in-process: the fetch rejects with a TypeError). */
  | { readonly kind: 'drop' }
  /** No answer until the client gives up (its abort signal); for timeouts without real waiting on the mock side. */
  | { readonly kind: 'hang' }
  /** A 200 HTML page where JSON was expected (a captive portal, a misrouted proxy). */
  | { readonly kind: 'html' }
  /** Any answer, as something in front of the provider might send it (a gateway's 401, a firewall's 403). */
  | { readonly kind: 'answer'; readonly status: number; readonly body?: unknown };

interface FaultRule {
  readonly endpoint: OidcEndpoint | '*';
  readonly fault: OidcFault;
  remaining: number | null;
}

/** The fault table and counters of one mock. */
export class FaultTable {
  #rules: FaultRule[] = [];
  readonly #counts = new Map<OidcEndpoint, number>();

  /** Adds a fault; earlier rules win; `times` limits how many calls it applies to. */
  fail(endpoint: OidcEndpoint | '*', fault: OidcFault, options: { readonly times?: number } = {}): void {
    if (options.times !== undefined && (!Number.isInteger(options.times) || options.times < 1)) throw new TypeError('times must be a positive integer');
    this.#rules.push({ endpoint, fault, remaining: options.times ?? null });
  }

  clear(): void {
    this.#rules = [];
  }

  /** Counts a call and returns the fault to apply, consuming one use. */
  onCall(endpoint: OidcEndpoint): OidcFault | null {
    this.#counts.set(endpoint, (this.#counts.get(endpoint) ?? 0) + 1);
    const rule = this.#rules.find((candidate) => candidate.endpoint === endpoint || candidate.endpoint === '*');
    if (rule === undefined) return null;
    if (rule.remaining !== null && --rule.remaining <= 0) this.#rules = this.#rules.filter((candidate) => candidate !== rule);
    return rule.fault;
  }

  count(endpoint: OidcEndpoint): number {
    return this.#counts.get(endpoint) ?? 0;
  }

  resetCounts(): void {
    this.#counts.clear();
  }
}

/** The answer a fault stands for; `null` for `hang` once the client has given up. */
export async function answerFault(fault: OidcFault, signal: AbortSignal): Promise<Response> {
  switch (fault.kind) {
    case 'status':
      return Response.json({ error: 'server_error', error_description: 'injected outage' }, { status: fault.status });
    case 'rate-limit':
      return Response.json({ error: 'temporarily_unavailable', error_description: 'rate limited' }, { status: 429, headers: { 'retry-after': '1' } });
    case 'drop':
      return Response.error();
    case 'html':
      return new Response('<html><body>Bad gateway</body></html>', { status: 200, headers: { 'content-type': 'text/html' } });
    case 'answer':
      return fault.body === undefined ? new Response(null, { status: fault.status }) : Response.json(fault.body, { status: fault.status });
    case 'hang':
      await new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        else signal.addEventListener('abort', () => resolve(), { once: true });
      });
      return Response.error();
  }
}
