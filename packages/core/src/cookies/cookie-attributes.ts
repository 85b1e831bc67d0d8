// Cookie options as users configure them, validated once and resolved into per-request attributes.
import { BROWSER_CLIENT_COOKIE_DEFAULTS, serializeSetCookie } from './cookie-codec.js';
import { LockstepError } from '../errors.js';
import { isLoopbackHost } from '../request/loopback-host.js';
import type { CookieAttributes } from './cookie-write.js';

/** How the auth cookies are written. Every field is optional. */
export interface CookieOptions {
  /** @default '/' */
  path?: string;
  /** A parent domain such as `.example.com` to share the session with subdomains. @default host-only */
  domain?: string;
  /** `'none'` needs `Secure`: it cannot be combined with `secure: false`. @default 'lax' */
  sameSite?: 'lax' | 'strict' | 'none';
  /**
   * `'auto'`: `Secure` unless the request is plain http to this machine (`localhost`, 127.x, `[::1]`),
   * where browsers accept `Secure` cookies anyway. Pass `false` to serve http to other hosts (a LAN
   * test box): browsers drop `Secure` cookies set over plain http there. @default 'auto'
   */
  secure?: boolean | 'auto';
  /** `false` because `createBrowserClient` reads the session from `document.cookie`; turn it on for server-only apps. @default false */
  httpOnly?: boolean;
  /** Seconds, a positive integer. `@supabase/ssr` always writes 400 days. @default 34560000 */
  maxAge?: number;
  /** Prefix the storage key with `__Host-`: forces `Secure`, `Path=/` and no `Domain`. @default false */
  hostPrefix?: boolean;
}

/** `CookieOptions` with every default applied; frozen. */
export interface ResolvedCookieOptions {
  readonly path: string;
  readonly domain?: string;
  readonly sameSite: 'lax' | 'strict' | 'none';
  readonly secure: boolean | 'auto';
  readonly httpOnly: boolean;
  readonly maxAge: number;
  readonly hostPrefix: boolean;
}

/** The `__Host-` cookie-name prefix (RFC 6265bis §4.1.3.2). */
export const HOST_PREFIX = '__Host-';

// As @supabase/ssr's browser client writes them, so the two stay wire-identical (pinned by the Supabase provider's tests).
const DEFAULTS: ResolvedCookieOptions = Object.freeze({
  path: BROWSER_CLIENT_COOKIE_DEFAULTS.path,
  sameSite: 'lax',
  secure: 'auto',
  httpOnly: BROWSER_CLIENT_COOKIE_DEFAULTS.httpOnly,
  maxAge: BROWSER_CLIENT_COOKIE_DEFAULTS.maxAge,
  hostPrefix: false,
});

const KNOWN_KEYS: ReadonlySet<string> = new Set([
  'path', 'domain', 'sameSite', 'secure', 'httpOnly', 'maxAge', 'hostPrefix',
]);
const SAME_SITE: ReadonlySet<unknown> = new Set(['lax', 'strict', 'none']);

/**
 * Validates cookie options and applies the defaults. Call it at construction so a bad option
 * fails at boot; `resolveCookieAttributes` calls it again, which is cheap. The caller's object
 * is never mutated. Throws `LockstepError('ERR_CONFIG_COOKIE')` naming the offending option.
 *
 * @example
 * const cookies = resolveCookieOptions({ httpOnly: true, hostPrefix: true });
 */
export function resolveCookieOptions(options?: CookieOptions): ResolvedCookieOptions {
  if (options === undefined) return DEFAULTS;
  if (typeof options !== 'object' || options === null) fail('cookie options must be an object');
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key)) fail(`unknown cookie option "${key}"`);
  }
  const path = options.path ?? DEFAULTS.path;
  const sameSite = options.sameSite ?? DEFAULTS.sameSite;
  const secure = options.secure ?? DEFAULTS.secure;
  const httpOnly = options.httpOnly ?? DEFAULTS.httpOnly;
  const maxAge = options.maxAge ?? DEFAULTS.maxAge;
  const hostPrefix = options.hostPrefix ?? DEFAULTS.hostPrefix;
  const { domain } = options;

  if (typeof path !== 'string' || !path.startsWith('/')) fail('cookie option "path" must start with "/"');
  if (domain !== undefined && (typeof domain !== 'string' || domain === '')) {
    fail('cookie option "domain" must be a non-empty string');
  }
  if (!SAME_SITE.has(sameSite)) fail('cookie option "sameSite" must be "lax", "strict" or "none"');
  if (secure !== true && secure !== false && secure !== 'auto') {
    fail('cookie option "secure" must be true, false or "auto"');
  }
  if (typeof httpOnly !== 'boolean') fail('cookie option "httpOnly" must be a boolean');
  if (typeof hostPrefix !== 'boolean') fail('cookie option "hostPrefix" must be a boolean');
  if (!Number.isSafeInteger(maxAge) || maxAge <= 0) {
    fail('cookie option "maxAge" must be a positive integer number of seconds');
  }
  // Browsers drop SameSite=None cookies without Secure.
  if (sameSite === 'none' && secure === false) fail('cookie option sameSite "none" requires secure');
  if (hostPrefix) {
    if (domain !== undefined) fail('cookie option "hostPrefix" forbids "domain"');
    if (path !== '/') fail('cookie option "hostPrefix" requires path "/"');
    if (secure === false) fail('cookie option "hostPrefix" requires secure');
  }
  // Let the serializer we write with judge the domain and path syntax, so a value it would
  // reject on a user's request is rejected here instead.
  try {
    serializeSetCookie('lockstep-probe', '', { path, domain });
  } catch (cause) {
    fail('cookie option "domain" or "path" has characters a cookie cannot carry', cause);
  }

  const resolved: ResolvedCookieOptions = { path, sameSite, secure, httpOnly, maxAge, hostPrefix };
  return Object.freeze(domain === undefined ? resolved : { ...resolved, domain });
}

/**
 * Resolves the attributes for the writes of one request. `secure: 'auto'` becomes `Secure` unless
 * `requestUrl` is plain http to a loopback host; `sameSite: 'none'` and `hostPrefix` always get `Secure`.
 *
 * @example
 * resolveCookieAttributes(undefined, new URL('https://app.example.com/'));
 * // → { path: '/', sameSite: 'lax', secure: true, httpOnly: false, maxAge: 34560000 }
 */
export function resolveCookieAttributes(
  options: CookieOptions | undefined,
  requestUrl: URL,
): CookieAttributes {
  const resolved = resolveCookieOptions(options);
  const secure =
    resolved.hostPrefix || resolved.sameSite === 'none'
      ? true
      : resolved.secure === 'auto'
        ? requestUrl.protocol === 'https:' || !isLoopbackHost(requestUrl.hostname)
        : resolved.secure;
  const attributes: CookieAttributes = {
    path: resolved.path,
    sameSite: resolved.sameSite,
    secure,
    httpOnly: resolved.httpOnly,
    maxAge: resolved.maxAge,
  };
  return Object.freeze(resolved.domain === undefined ? attributes : { ...attributes, domain: resolved.domain });
}

/**
 * The cookie name for a storage key under these options: `__Host-` + key when `hostPrefix` is on.
 * Give the browser client the same name (`cookieOptions.name`) so both sides agree.
 *
 * @example
 * prefixStorageKey('sb-abc-auth-token', { hostPrefix: true }); // → '__Host-sb-abc-auth-token'
 */
export function prefixStorageKey(storageKey: string, options?: CookieOptions): string {
  if (!resolveCookieOptions(options).hostPrefix || storageKey.startsWith(HOST_PREFIX)) return storageKey;
  return HOST_PREFIX + storageKey;
}

function fail(message: string, cause?: unknown): never {
  throw new LockstepError('ERR_CONFIG_COOKIE', message, cause === undefined ? undefined : { cause });
}
