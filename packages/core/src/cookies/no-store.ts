// The cache headers every response that writes auth cookies must carry (DESIGN §3.6, C18).

/**
 * Headers that keep shared caches (CDN, ISR, proxies) from storing a response that carries
 * someone's `Set-Cookie`. The first three are exactly what `@supabase/ssr` 0.12.7 passes to
 * `setAll` (supabase-ssr-notes §1.9, the cross-user leak of supabase-js #1682 / ssr #94);
 * `Vary: Cookie` additionally keys any cache that ignores `private` on the request cookies.
 * Adapters append framework-specific headers (e.g. Next's middleware cache header) themselves.
 *
 * `Vary` is a list: append it so an existing `Vary: Accept-Encoding` survives.
 *
 * @example
 * for (const [name, value] of NO_STORE_HEADERS) {
 *   if (name === 'Vary') response.headers.append(name, value);
 *   else response.headers.set(name, value);
 * }
 */
export const NO_STORE_HEADERS: readonly (readonly [string, string])[] = Object.freeze([
  Object.freeze(['Cache-Control', 'private, no-cache, no-store, must-revalidate, max-age=0'] as const),
  Object.freeze(['Expires', '0'] as const),
  Object.freeze(['Pragma', 'no-cache'] as const),
  Object.freeze(['Vary', 'Cookie'] as const),
]);
