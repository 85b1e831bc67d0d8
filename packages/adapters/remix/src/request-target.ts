// What the core is asked about for a React Router request: the normalized URL, and whether it is a single-fetch `.data` request.
import type { RequestKindHint, RequestLike } from '@lockstep/core';
import { withChanges, type HeaderChange } from '@lockstep/core/adapter';

/** The parts of React Router's loader/action/middleware arguments the adapter reads. */
export interface RouterRequestArgs {
  readonly request: Request;
  /** The normalized URL (no `.data` suffix, no `_routes` param); React Router ≥ 7.10 and 8. */
  readonly url?: URL;
}

/**
 * The request as the core should see it: React Router's normalized `url` (8.x passes the raw
 * request through, so `request.url` may end in `.data`, frameworks.md §7), with the request's
 * method and headers (with the middleware's `changes` applied: cookie, request id). On 7.x without
 * pass-through requests `request.url` is already normalized.
 */
export function coreRequest(args: RouterRequestArgs, changes: readonly HeaderChange[] = []): RequestLike {
  const headers = changes.length === 0 ? args.request.headers : withChanges(args.request.headers, changes);
  return { url: args.url ?? args.request.url, method: args.request.method, headers };
}

/**
 * Single-fetch `.data` requests are the client router's navigations and submissions: they are
 * answered like documents, so a denial is a login redirect that React Router turns into a `202`
 * redirect the client follows (DESIGN §5.1), never raw JSON the client cannot decode.
 */
export function kindHint(args: RouterRequestArgs): RequestKindHint | undefined {
  return isSingleFetch(args.request) ? { kind: 'document' } : undefined;
}

/** True for a single-fetch request (`/path.data`, `/_.data`), as React Router's own handler tells them apart. */
export function isSingleFetch(request: Request): boolean {
  return new URL(request.url).pathname.endsWith('.data');
}
