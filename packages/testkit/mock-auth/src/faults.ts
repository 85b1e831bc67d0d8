// Fault injection and call counters per endpoint (test-only; not part of GoTrue).

/** Endpoints the mock counts and can fault, named after the GoTrue route (and grant). */
export type MockEndpoint =
  | 'token:password'
  | 'token:refresh_token'
  | 'token:pkce'
  | 'token:id_token'
  | 'token:other'
  | 'signup'
  | 'user'
  | 'user:update'
  | 'logout'
  | 'authorize'
  | 'mock-provider'
  | 'callback'
  | 'otp'
  | 'magiclink'
  | 'recover'
  | 'resend'
  | 'reauthenticate'
  | 'identities:link'
  | 'identities:unlink'
  | 'factors:enroll'
  | 'factors:challenge'
  | 'factors:verify'
  | 'factors:unenroll'
  | 'verify'
  | 'jwks'
  | 'openid-configuration'
  | 'health'
  | 'settings'
  | 'admin'
  | 'admin:generate_link'
  | 'invite';

/** Every endpoint name, for validating HTTP control input. */
export const MOCK_ENDPOINTS: readonly MockEndpoint[] = Object.freeze([
  'token:password', 'token:refresh_token', 'token:pkce', 'token:id_token', 'token:other', 'signup', 'user', 'user:update',
  'logout', 'authorize', 'mock-provider', 'callback', 'otp', 'magiclink', 'recover', 'resend', 'reauthenticate', 'identities:link', 'identities:unlink', 'factors:enroll', 'factors:challenge', 'factors:verify', 'factors:unenroll', 'verify', 'jwks', 'openid-configuration', 'health', 'settings', 'admin', 'admin:generate_link', 'invite',
]);

/** A fault to inject before the endpoint runs. */
export type Fault =
  | { readonly kind: 'status'; readonly status: 500 | 502 | 503 | 504 }
  | { readonly kind: 'rate-limit' }
  | { readonly kind: 'delay'; readonly ms: number }
  /** Close the connection without an answer; with `afterHandler` the request is processed first (a lost response). */
  | { readonly kind: 'drop'; readonly afterHandler?: boolean }
  /**
   * A 4xx from something in front of the auth server — a gateway with a rotated key, a firewall, a
   * misrouted proxy: `body` as JSON (none when absent), no GoTrue error code or headers.
   */
  | { readonly kind: 'foreign'; readonly status: number; readonly body?: unknown };

/** Options of `fail`. */
export interface FailOptions {
  /** How many requests the fault applies to; unlimited when absent. */
  readonly times?: number;
}

interface FaultRule {
  readonly endpoint: MockEndpoint | '*';
  readonly fault: Fault;
  remaining: number | null;
}

/** The fault table and counters of one mock instance. */
export class FaultInjector {
  private rules: FaultRule[] = [];
  private counts = new Map<MockEndpoint, number>();

  /** Adds a fault for `endpoint` (`'*'` = every GoTrue endpoint); earlier rules win. */
  fail(endpoint: MockEndpoint | '*', fault: Fault, options: FailOptions = {}): void {
    const problem = checkFault(fault) ?? checkTimes(options.times);
    if (problem !== null) throw new TypeError(problem);
    this.rules.push({ endpoint, fault, remaining: options.times ?? null });
  }

  /** Removes every fault. */
  clear(): void {
    this.rules = [];
  }

  /** Counts a call and returns the fault to apply to it, if any (consuming one use). */
  onCall(endpoint: MockEndpoint): Fault | null {
    this.counts.set(endpoint, (this.counts.get(endpoint) ?? 0) + 1);
    const rule = this.rules.find((r) => r.endpoint === endpoint || r.endpoint === '*');
    if (rule === undefined) return null;
    if (rule.remaining !== null) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    }
    return rule.fault;
  }

  /** Calls to one endpoint so far. */
  count(endpoint: MockEndpoint): number {
    return this.counts.get(endpoint) ?? 0;
  }

  /** All non-zero counters. */
  allCounts(): Partial<Record<MockEndpoint, number>> {
    return Object.fromEntries(this.counts);
  }

  /** Sets every counter back to zero. */
  resetCounts(): void {
    this.counts.clear();
  }
}

/** Checks a fault value (also used for HTTP control input); returns a message or `null`. */
export function checkFault(fault: unknown): string | null {
  if (typeof fault !== 'object' || fault === null) return 'fault must be an object';
  const f = fault as Record<string, unknown>;
  switch (f.kind) {
    case 'status':
      return [500, 502, 503, 504].includes(f.status as number) ? null : 'status fault needs status 500, 502, 503 or 504';
    case 'delay':
      return typeof f.ms === 'number' && f.ms >= 0 && Number.isFinite(f.ms) ? null : 'delay fault needs ms >= 0';
    case 'rate-limit':
    case 'drop':
      return null;
    case 'foreign':
      return Number.isInteger(f.status) && (f.status as number) >= 400 && (f.status as number) <= 499 ? null : 'foreign fault needs a 4xx status';
    default:
      return 'fault kind must be status, rate-limit, delay, drop or foreign';
  }
}

function checkTimes(times: number | undefined): string | null {
  return times === undefined || (Number.isInteger(times) && times > 0) ? null : 'times must be a positive integer';
}
