// The headers Lockstep's outcomes carry besides Set-Cookie, for frameworks that build a document's headers from route exports.
/**
 * The headers an outcome sets besides `Set-Cookie` that a response must keep: no-store
 * `Cache-Control` and `Vary: Cookie` (cookie writes and decided responses), `WWW-Authenticate` (401)
 * and `Retry-After` (503). The others it sets, `Expires` and `Pragma`, are HTTP/1.0 spellings of
 * no-store that caches ignore when `Cache-Control` is present. Frameworks that merge cookies themselves but take a document's other headers from the route alone
 * (Remix v2's `headers` export) must copy these, or a refreshed page can be cached.
 */
export const AUTH_RESPONSE_HEADERS = ['Cache-Control', 'Vary', 'WWW-Authenticate', 'Retry-After'] as const;

/**
 * `base` without `Set-Cookie` (the framework merges cookies itself: copying them would double them),
 * plus each auth header found in `sources`, later sources winning.
 *
 * @example
 * carryAuthHeaders(parentHeaders, [loaderHeaders, actionHeaders, errorHeaders]);
 */
export function carryAuthHeaders(base: HeadersInit, sources: readonly (Headers | undefined)[]): Headers {
  const headers = new Headers(base);
  headers.delete('Set-Cookie');
  for (const source of sources) {
    if (source === undefined) continue;
    for (const name of AUTH_RESPONSE_HEADERS) {
      const value = source.get(name);
      if (value !== null) headers.set(name, value);
    }
  }
  return headers;
}
