// A fetch wrapper that renews the httpOnly session once on a 401, for every concurrent call and every tab.

/** How `createAuthFetch` is configured. */
export interface AuthFetchOptions {
  /** The app's refresh route (e.g. `/auth/refresh`): `POST`, answers 2xx (renewed, cookies set) or 401/403 (session over). */
  readonly refreshUrl: string;
  /** Where the user signs in; the current page is added as the return-to parameter. */
  readonly loginUrl: string;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** The return-to parameter's name on the login URL. @default 'next' */
  readonly returnToParam?: string;
  /** Which requests are retried after a refresh. @default same-origin requests, except the refresh call */
  readonly shouldHandle?: (request: Request) => boolean;
  /** Name of the Web Lock and the BroadcastChannel shared by the app's tabs. @default 'lockstep-auth' */
  readonly channelName?: string;
  /** How the user is sent to login. @default (url) => location.assign(url) */
  readonly redirect?: (url: string) => void;
  /** Cross-tab coordination; `null` turns it off (in-tab single flight only). @default navigator.locks */
  readonly locks?: LockManager | null;
}

/** What one refresh ended in. `unavailable` (5xx, network): the caller gets its 401, nobody is sent to login. */
export type RefreshOutcome = 'refreshed' | 'rejected' | 'unavailable';

interface SharedOutcome {
  readonly type: 'lockstep:refresh';
  readonly outcome: RefreshOutcome;
  /** `Date.now()` when the refresh ended; tabs of one browser share the clock. */
  readonly at: number;
}

/** How long a tab that waited for another tab's refresh waits for its broadcast outcome. */
const SHARED_OUTCOME_WAIT_MS = 1000;

/**
 * Creates a `fetch` for the app's own API. On a 401 it refreshes the session once for all
 * concurrent callers (one promise in this tab; across tabs one Web Lock holder refreshes and shares
 * the outcome over a BroadcastChannel), then retries each request once. Only a rejected refresh
 * sends the user to login — once, with the current page as return-to; a transient failure returns
 * the 401 to the caller. It never reads a token or a cookie: the session lives in httpOnly cookies
 * the browser sends by itself.
 *
 * @example
 * const authFetch = createAuthFetch({ refreshUrl: '/auth/refresh', loginUrl: '/login' });
 * const response = await authFetch('/api/proxy/orders');
 */
export function createAuthFetch(options: AuthFetchOptions): typeof fetch {
  const send = options.fetch ?? globalThis.fetch.bind(globalThis);
  const refreshUrl = new URL(options.refreshUrl, currentHref()).href;
  const returnToParam = options.returnToParam ?? 'next';
  const name = options.channelName ?? 'lockstep-auth';
  const locks = options.locks === undefined ? (globalThis.navigator?.locks ?? null) : options.locks;
  const redirect = options.redirect ?? ((url: string) => globalThis.location.assign(url));
  const shouldHandle = options.shouldHandle ?? ((request: Request) => sameOrigin(request.url) && request.url !== refreshUrl);
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null;

  let last: SharedOutcome | null = null;
  let inFlight: Promise<RefreshOutcome> | null = null;
  let redirected = false;
  const waiters = new Set<() => void>();

  const remember = (shared: SharedOutcome): void => {
    if (last === null || shared.at >= last.at) last = shared;
    for (const wake of waiters) wake();
  };
  channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (isSharedOutcome(event.data)) remember(event.data);
  });

  /** The outcome of a refresh that ended after `since`, if one did. */
  const outcomeSince = (since: number): RefreshOutcome | null => (last !== null && last.at >= since && last.outcome !== 'unavailable' ? last.outcome : null);

  async function callRefresh(): Promise<RefreshOutcome> {
    let outcome: RefreshOutcome;
    try {
      const response = await send(refreshUrl, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } });
      await response.body?.cancel().catch(() => undefined);
      outcome = response.ok ? 'refreshed' : response.status === 401 || response.status === 403 ? 'rejected' : 'unavailable';
    } catch {
      outcome = 'unavailable';
    }
    const shared: SharedOutcome = { type: 'lockstep:refresh', outcome, at: Date.now() };
    remember(shared);
    // Posted before the lock is released, so a tab waiting on the lock finds it soon after.
    channel?.postMessage(shared);
    return outcome;
  }

  function waitForShared(since: number): Promise<RefreshOutcome | null> {
    return new Promise((resolve) => {
      const done = (): void => {
        const outcome = outcomeSince(since);
        if (outcome === null) return;
        finish(outcome);
      };
      const finish = (outcome: RefreshOutcome | null): void => {
        clearTimeout(timer);
        waiters.delete(done);
        resolve(outcome);
      };
      const timer = setTimeout(() => finish(null), SHARED_OUTCOME_WAIT_MS);
      waiters.add(done);
      done();
    });
  }

  async function refreshAcrossTabs(since: number): Promise<RefreshOutcome> {
    const known = outcomeSince(since);
    if (known !== null) return known;
    if (locks === null) return callRefresh();
    const mine = await locks.request(name, { ifAvailable: true }, async (lock) => {
      if (lock === null) return null;
      return outcomeSince(since) ?? callRefresh();
    });
    if (mine !== null) return mine;
    // Another tab holds the lock, so it is refreshing: wait for it to finish and take its outcome.
    await locks.request(name, () => undefined);
    const shared = await waitForShared(since);
    if (shared !== null) return shared;
    return locks.request(name, () => outcomeSince(since) ?? callRefresh());
  }

  function refreshOnce(since: number): Promise<RefreshOutcome> {
    inFlight ??= refreshAcrossTabs(since).finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  function toLogin(): void {
    if (redirected) return;
    redirected = true;
    const target = new URL(options.loginUrl, currentHref());
    const here = globalThis.location;
    if (here !== undefined) target.searchParams.set(returnToParam, here.pathname + here.search);
    redirect(sameOrigin(target.href) ? target.pathname + target.search : target.href);
  }

  return async function authFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    if (!shouldHandle(request)) return send(request);
    const startedAt = Date.now();
    const first = await send(request.clone());
    if (first.status !== 401 || redirected || needsStepUp(first)) return first;
    const outcome = await refreshOnce(startedAt);
    if (outcome === 'refreshed') {
      await first.body?.cancel().catch(() => undefined);
      // Retried once: a second 401 goes to the caller, never into another refresh.
      return send(request);
    }
    if (outcome === 'rejected') toLogin();
    return first;
  };
}

/**
 * A 401 for a signed-in user who must authenticate again (a second factor, a recent sign-in; RFC
 * 9470): a refresh cannot help, and the session is not over. The caller gets it as it is.
 */
function needsStepUp(response: Response): boolean {
  return /error="insufficient_user_authentication"/.test(response.headers.get('www-authenticate') ?? '');
}

function isSharedOutcome(value: unknown): value is SharedOutcome {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return record.type === 'lockstep:refresh' && (record.outcome === 'refreshed' || record.outcome === 'rejected' || record.outcome === 'unavailable') && typeof record.at === 'number';
}

function currentHref(): string | undefined {
  return globalThis.location?.href;
}

function sameOrigin(url: string): boolean {
  const here = globalThis.location;
  if (here === undefined) return true;
  try {
    return new URL(url, here.href).origin === here.origin;
  } catch {
    return false;
  }
}
