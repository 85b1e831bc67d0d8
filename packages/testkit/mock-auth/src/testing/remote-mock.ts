// A running mock driven through its `/__mock` control routes: the same helpers whether the mock runs
// in this process, in a Playwright worker or in another process (`lockstep-mock-auth`).
import type { Fault, MockEndpoint } from '../faults.js';
import type { AccessTokenResponse } from '../sessions.js';
import type { Burst } from './expiry-and-outages.js';

/** A mock at a URL, controlled over HTTP. */
export interface RemoteMockAuth {
  /** The mock's project URL. */
  readonly url: string;
  /** Creates the user unless the mock already has one with that email. */
  ensureUser(user: { readonly email: string; readonly password?: string; readonly userMetadata?: Readonly<Record<string, unknown>> }): Promise<void>;
  /**
   * Signs `email` in at the mock and returns the session body (a real, rotating session). With
   * `expired: true` it is minted one token lifetime (plus 5 s) in the past: its access token is
   * already expired by the wall clock, for an app that does not read the mock's clock.
   */
  issueSession(email: string, options?: { readonly expired?: boolean }): Promise<AccessTokenResponse>;
  /** Moves the mock's clock by `seconds` (negative goes back). */
  advanceClock(seconds: number): Promise<void>;
  /** The access-token lifetime the mock mints with. */
  tokenLifetimeSeconds(): Promise<number>;
  /** Moves the mock's clock past the access tokens' lifetime (plus `extraSeconds`). */
  expireAccessTokens(extraSeconds?: number): Promise<void>;
  /** Fails `endpoint` (every endpoint by default) with `fault` (503 by default); resolves to the function that restores it. */
  injectOutage(options?: { readonly endpoint?: MockEndpoint | '*'; readonly fault?: Fault }): Promise<() => Promise<void>>;
  /** Refresh-token grants the mock has answered so far. */
  refreshes(): Promise<number>;
  /**
   * Expires the tokens (unless `expire: false`, for a session minted expired), starts `count` calls
   * of `send` at once and counts the refresh grants they caused.
   */
  burstAtExpiry<T>(count: number, send: (index: number) => Promise<T>, options?: { readonly expire?: boolean }): Promise<Burst<T>>;
}

/**
 * Controls the mock at `url` over HTTP (its `/__mock` routes); `fetchImpl` defaults to the global `fetch`.
 *
 * @example
 * const mock = remoteMockAuth('http://127.0.0.1:54321');
 * await mock.ensureUser({ email: 'ada@example.com', password: 'correct-horse-1' });
 */
export function remoteMockAuth(url: string, fetchImpl: typeof fetch = fetch): RemoteMockAuth {
  const base = url.replace(/\/+$/, '');
  const control = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    let response: Response;
    try {
      response = await fetchImpl(`${base}/__mock${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new Error(`no mock-auth answers at ${base} (is it running?)`, { cause: error });
    }
    try {
      return { status: response.status, body: (await response.json()) as T };
    } catch {
      throw new Error(`${base} answered ${method} /__mock${path} with ${String(response.status)} and no JSON: is it a mock-auth server?`);
    }
  };
  const must = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await control<T & { error?: string }>(method, path, body);
    if (answer.status !== 200) throw new Error(`mock-auth control ${method} ${path} failed (${String(answer.status)}): ${answer.body.error ?? 'no reason'}`);
    return answer.body;
  };
  const user = (email: string): string => `/users/${encodeURIComponent(email)}`;
  const self: RemoteMockAuth = {
    url: base,
    async ensureUser(input) {
      if ((await control('GET', user(input.email))).status === 200) return;
      await must('POST', '/users', input);
    },
    async issueSession(email, options = {}) {
      if (options.expired !== true) return must<AccessTokenResponse>('POST', `${user(email)}/sessions`, {});
      const back = (await self.tokenLifetimeSeconds()) + 5;
      await self.advanceClock(-back);
      try {
        return await must<AccessTokenResponse>('POST', `${user(email)}/sessions`, {});
      } finally {
        await self.advanceClock(back);
      }
    },
    async advanceClock(seconds) {
      await must('POST', '/clock/advance', { seconds });
    },
    tokenLifetimeSeconds: async () => (await must<{ tokenLifetimeSeconds: number }>('GET', '/settings')).tokenLifetimeSeconds,
    async expireAccessTokens(extraSeconds = 5) {
      await self.advanceClock((await self.tokenLifetimeSeconds()) + extraSeconds);
    },
    async injectOutage(options = {}) {
      await must('POST', '/faults', { endpoint: options.endpoint ?? '*', fault: options.fault ?? { kind: 'status', status: 503 } });
      return async () => {
        await must('DELETE', '/faults');
      };
    },
    refreshes: async () => (await must<Record<string, number>>('GET', '/calls?endpoint=token:refresh_token'))['token:refresh_token'] ?? 0,
    async burstAtExpiry(count, send, options = {}) {
      if (!Number.isInteger(count) || count < 1) throw new RangeError('burstAtExpiry needs a positive whole count.');
      if (options.expire !== false) await self.expireAccessTokens();
      const before = await self.refreshes();
      const results = await Promise.all(Array.from({ length: count }, (_, index) => send(index)));
      return { results, refreshes: (await self.refreshes()) - before };
    },
  };
  return self;
}
