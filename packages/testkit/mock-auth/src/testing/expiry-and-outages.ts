// Moving the mock's clock past expiry, outages, and "exactly one refresh" for concurrent requests.
import type { MockAuth } from '../mock-auth.js';
import type { Fault, MockEndpoint } from '../faults.js';

/**
 * Moves the mock's clock past the access tokens' lifetime (plus `extraSeconds`), so the next
 * request with a session must refresh it. Your app must read time from the mock's clock
 * (`now: () => mock.controls.clock.now() / 1000` in Lockstep's effects) for its tokens to look expired too.
 */
export function expireAccessTokens(mock: MockAuth, extraSeconds = 5): void {
  mock.controls.clock.advance(mock.controls.settings().tokenLifetimeSeconds + extraSeconds);
}

/**
 * Makes the auth server fail (`503` on every endpoint by default) until the returned function is called.
 *
 * @example
 * const restore = injectOutage(mock);
 * try { … } finally { restore(); }
 */
export function injectOutage(mock: MockAuth, options: { readonly endpoint?: MockEndpoint | '*'; readonly fault?: Fault } = {}): () => void {
  mock.controls.fail(options.endpoint ?? '*', options.fault ?? { kind: 'status', status: 503 });
  return () => mock.controls.clearFaults();
}

/** What `burstAtExpiry` observed. */
export interface Burst<T> {
  readonly results: readonly T[];
  /** Refresh-token grants the mock answered during the burst. */
  readonly refreshes: number;
}

/**
 * Expires the tokens, then starts `count` calls of `send` at once and waits for all of them: the
 * moment many tabs or parallel fetches hit an expired session together.
 *
 * @example
 * const burst = await burstAtExpiry(mock, 20, () => app.fetch(request()));
 * expectOneRefresh(burst);
 */
export async function burstAtExpiry<T>(mock: MockAuth, count: number, send: (index: number) => Promise<T>): Promise<Burst<T>> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError('burstAtExpiry needs a positive whole count.');
  expireAccessTokens(mock);
  const before = mock.controls.calls('token:refresh_token');
  const results = await Promise.all(Array.from({ length: count }, (_, index) => send(index)));
  return { results, refreshes: mock.controls.calls('token:refresh_token') - before };
}

/** Throws unless exactly one refresh reached the auth server (one rotation for the whole burst). */
export function expectOneRefresh(burst: Pick<Burst<unknown>, 'refreshes'>): void {
  if (burst.refreshes !== 1) throw new Error(`Expected exactly one refresh at the auth server, saw ${String(burst.refreshes)}.`);
}
