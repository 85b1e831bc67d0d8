// Login CSRF defence: state-changing auth helpers only act on requests the app's own pages sent.

/** Why a request was refused as cross-site, or `null` when it may proceed. */
export type CrossSiteVerdict = 'cross_site_request' | null;

/**
 * Whether a sign-in, sign-out or other state-changing request comes from the app's own origin.
 * A browser sends `Origin` on every POST (and `Sec-Fetch-Site` on every request in current
 * browsers): when `Origin` is present its host must be the app's (`publicHost`, see `publicOrigin`,
 * or the request's `Host` header) or one of `allowedOrigins`; `Origin: null` (sandboxed frames, some redirects) is refused. Without
 * `Origin`, `Sec-Fetch-Site` must be `same-origin` or `none` (typed or bookmarked). A request with
 * neither header comes from no browser (curl, a server) and cannot carry a victim's cookies: it
 * proceeds. Host comparison, not full origin: behind a TLS-terminating proxy the app may see
 * `http` while the browser says `https`.
 *
 * @example
 * crossSiteVerdict(request.headers, 'app.example.com', ['https://admin.example.com']); // → null or 'cross_site_request'
 */
export function crossSiteVerdict(headers: Headers, publicHost: string, allowedOrigins: ReadonlySet<string>): CrossSiteVerdict {
  const origin = headers.get('origin');
  if (origin !== null) {
    if (allowedOrigins.has(origin)) return null;
    const host = hostOf(origin);
    // The browser's own Host header counts too: some frameworks rebuild request.url with another
    // name for the same server (Next turns 127.0.0.1 into localhost), and no page can forge it.
    const own = [publicHost, headers.get('host') ?? ''].map((value) => value.toLowerCase());
    return host !== null && own.includes(host) ? null : 'cross_site_request';
  }
  const site = headers.get('sec-fetch-site');
  if (site === null || site === 'same-origin' || site === 'none') return null;
  return 'cross_site_request';
}

function hostOf(origin: string): string | null {
  if (origin === 'null') return null;
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}
