// Options of the claims verifier, their defaults, and their validation at construction.
import { LockstepError } from '../errors.js';
import { createTokenHasher, type Sha256, type TokenHasher } from '../util/token-hash.js';

/** How the `claims` verify mode finds its keys and what it requires of a token (DESIGN §3.5). */
export interface ClaimsVerifierOptions {
  /** The auth server's key set: `${supabaseUrl}/auth/v1/.well-known/jwks.json`. */
  jwksUrl: URL;
  /** Required `iss`: `${supabaseUrl}/auth/v1`. `getClaims()` skips this check; we do not. */
  issuer: string;
  /** Required `aud` (one of them, for a list): `'authenticated'` for Supabase user tokens. */
  audience: string | readonly string[];
  /** Legacy symmetric projects: with it HS256 tokens are checked locally, without it they are `unverifiable`. */
  hs256Secret?: string;
  /** Injected effect: tests pass a fake; a fetch that throws proves a path stays offline. */
  fetch: typeof fetch;
  /** Limit per JWKS request, body included, in milliseconds. */
  timeoutMs: number;
  /** Bound of the verified-token cache. @default 10_000 */
  cacheMaxEntries?: number;
  /** A synchronous SHA-256 for the cache keys (see `createTokenHasher`). @default the built-in pure-JS one */
  sha256?: Sha256;
  /** The instance's token hash (`ProviderEnvironment.hashToken`), already self-tested; wins over `sha256`. */
  hashToken?: TokenHasher;
  /** How long a fetched key set is used before it is fetched again. @default 600 (the endpoint's max-age) */
  jwksCacheMaxAgeSeconds?: number;
  /**
   * After a fetch, how long an unknown `kid` is rejected without fetching again: bounds the
   * fetches that tokens with made-up `kid`s can cause. @default 30
   */
  jwksCooldownSeconds?: number;
}

/** Options after validation: a new frozen object, the caller's is never touched or kept. */
export interface ResolvedClaimsVerifierOptions {
  readonly jwksUrl: URL;
  readonly issuer: string;
  readonly audience: readonly string[];
  readonly hs256Key: Uint8Array | undefined;
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  readonly cacheMaxEntries: number;
  /** The cache-key hash, self-tested when injected. */
  readonly hashToken: TokenHasher;
  readonly jwksCacheMaxAgeMs: number;
  readonly jwksCooldownMs: number;
}

/** Default bound of the verified-token cache (`jwt.cacheSize`). */
export const DEFAULT_VERIFIED_TOKEN_CACHE_SIZE = 10_000;

const DEFAULTS = {
  cacheMaxEntries: DEFAULT_VERIFIED_TOKEN_CACHE_SIZE,
  jwksCacheMaxAgeSeconds: 600,
  jwksCooldownSeconds: 30,
} as const;

function invalid(option: string, requirement: string): LockstepError {
  // Names the option, never its value: `hs256Secret` is a secret.
  return new LockstepError('ERR_CONFIG_INVALID', `claims verifier: "${option}" ${requirement}`);
}

function nonNegativeSeconds(value: number | undefined, fallback: number, option: string): number {
  const seconds = value ?? fallback;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    throw invalid(option, 'must be a finite number of seconds, 0 or more');
  }
  return Math.round(seconds * 1000);
}

/**
 * Validates the options once, so misconfiguration fails at boot rather than on a user's request.
 *
 * @example
 * const resolved = resolveClaimsVerifierOptions({ jwksUrl, issuer, audience: 'authenticated', fetch, timeoutMs: 5000 });
 */
export function resolveClaimsVerifierOptions(options: ClaimsVerifierOptions): ResolvedClaimsVerifierOptions {
  const { jwksUrl, issuer, audience, hs256Secret, fetch, timeoutMs } = options;
  if (!(jwksUrl instanceof URL) || (jwksUrl.protocol !== 'https:' && jwksUrl.protocol !== 'http:')) {
    throw new LockstepError('ERR_CONFIG_URL', 'claims verifier: "jwksUrl" must be an http(s) URL object');
  }
  if (typeof issuer !== 'string' || issuer === '') throw invalid('issuer', 'must be a non-empty string');
  const audiences = typeof audience === 'string' ? [audience] : Array.isArray(audience) ? [...audience] : [];
  if (audiences.length === 0 || audiences.some((item) => typeof item !== 'string' || item === '')) {
    throw invalid('audience', 'must be a non-empty string or a non-empty list of them');
  }
  if (hs256Secret !== undefined && (typeof hs256Secret !== 'string' || hs256Secret === '')) {
    throw invalid('hs256Secret', 'must be a non-empty string when set');
  }
  if (typeof fetch !== 'function') throw invalid('fetch', 'must be a function');
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw invalid('timeoutMs', 'must be a positive integer');
  const cacheMaxEntries = options.cacheMaxEntries ?? DEFAULTS.cacheMaxEntries;
  if (!Number.isInteger(cacheMaxEntries) || cacheMaxEntries < 1) {
    throw invalid('cacheMaxEntries', 'must be a positive integer');
  }
  if (options.hashToken !== undefined && typeof options.hashToken !== 'function') throw invalid('hashToken', 'must be a function');
  return Object.freeze({
    jwksUrl: new URL(jwksUrl.href),
    issuer,
    audience: Object.freeze(audiences),
    hs256Key: hs256Secret === undefined ? undefined : new TextEncoder().encode(hs256Secret),
    fetch,
    timeoutMs,
    cacheMaxEntries,
    hashToken: options.hashToken ?? createTokenHasher(options.sha256),
    jwksCacheMaxAgeMs: nonNegativeSeconds(options.jwksCacheMaxAgeSeconds, DEFAULTS.jwksCacheMaxAgeSeconds, 'jwksCacheMaxAgeSeconds'),
    jwksCooldownMs: nonNegativeSeconds(options.jwksCooldownSeconds, DEFAULTS.jwksCooldownSeconds, 'jwksCooldownSeconds'),
  });
}
