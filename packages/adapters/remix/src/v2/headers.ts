// The route `headers` export for Remix v2 (and React Router without middleware): document responses keep the auth headers.
import { carryAuthHeaders } from '@lockstep/core/adapter';

/** The `headers` export's argument, as Remix v2 and React Router pass it. */
export interface HeadersArgs {
  readonly loaderHeaders: Headers;
  readonly parentHeaders: Headers;
  readonly actionHeaders: Headers;
  readonly errorHeaders: Headers | undefined;
}

/**
 * A route `headers` export that keeps the parent's headers and adds the auth headers (no-store,
 * `Vary: Cookie`, `WWW-Authenticate`, `Retry-After`) of this route's loader, action or thrown
 * response. Remix merges `Set-Cookie` from every loader, action and thrown response by itself, but
 * every other header of a document (or single-fetch) response comes from the route's `headers`
 * export alone (frameworks.md §7). Export it from every route whose loader or action uses the
 * helpers (children without a `headers` export inherit their parent's), or call it from your own
 * and add to the result.
 *
 * @example
 * export { lockstepHeaders as headers } from '@lockstep/remix/v2';
 */
export function lockstepHeaders({ loaderHeaders, parentHeaders, actionHeaders, errorHeaders }: HeadersArgs): Headers {
  return carryAuthHeaders(parentHeaders, [loaderHeaders, actionHeaders, errorHeaders]);
}
