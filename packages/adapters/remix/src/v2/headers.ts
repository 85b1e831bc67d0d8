// The route `headers` export for Remix v2 (and React Router without middleware): document responses keep the auth headers.
/**
 * Remix merges `Set-Cookie` from every loader, action and thrown response by itself, but every
 * other header of a document (or single-fetch) response comes from the route's `headers` export
 * alone (frameworks.md §7). These are the ones Lockstep's outcomes carry besides the cookies.
 */
export const AUTH_RESPONSE_HEADERS = ['Cache-Control', 'Vary', 'WWW-Authenticate', 'Retry-After'] as const;

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
 * response. Export it from every route whose loader or action uses the helpers (children without
 * a `headers` export inherit their parent's), or call it from your own and add to the result.
 *
 * @example
 * export { lockstepHeaders as headers } from '@lockstep/remix/v2';
 */
export function lockstepHeaders({ loaderHeaders, parentHeaders, actionHeaders, errorHeaders }: HeadersArgs): Headers {
  const headers = new Headers(parentHeaders);
  headers.delete('Set-Cookie'); // the framework merges cookies itself; copying them here would double them
  for (const source of [loaderHeaders, actionHeaders, errorHeaders]) {
    if (source === undefined) continue;
    for (const name of AUTH_RESPONSE_HEADERS) {
      const value = source.get(name);
      if (value !== null) headers.set(name, value);
    }
  }
  return headers;
}
