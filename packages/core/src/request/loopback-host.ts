// Which hosts are this machine: the only place a session cookie may travel without TLS by default.

/**
 * Whether `hostname` (as `URL.hostname` gives it) names the local machine: `localhost` and its
 * subdomains (RFC 6761), 127.0.0.0/8 and `[::1]`. Browsers treat these as secure contexts, so a
 * `Secure` cookie works there over plain http too.
 *
 * @example
 * isLoopbackHost('127.0.0.1'); // → true
 * isLoopbackHost('app.example.com'); // → false
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
