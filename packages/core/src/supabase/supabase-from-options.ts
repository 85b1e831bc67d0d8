// Builds the Supabase provider from Lockstep's Supabase options (URL, key, cookie name, JWT settings).
import { prefixStorageKey, type ResolvedCookieOptions } from '../cookies/cookie-attributes.js';
import { boundedNumber, DEFAULTS, parseSupabaseUrl, requireString, type SupabaseLockstepOptions } from '../options.js';
import type { ProviderEnvironment, SessionProvider } from '../session/session-provider.js';
import { LockstepError } from '../errors.js';
import { createClaimsVerifier } from '../verify/claims-verifier.js';
import { DEFAULT_VERIFIED_TOKEN_CACHE_SIZE } from '../verify/claims-verifier-options.js';
import { createServerCheckGate, DEFAULT_SERVER_CHECK_BUDGET } from '../verify/server-check-gate.js';
import { assertCookieSettings, assertJwtSecret, assertProjectUrl, assertPublishableKey } from './supabase-key-checks.js';
import { supabaseStorageKey } from './storage-key.js';
import { createSupabaseProvider } from './supabase-provider.js';

/** The provider plus the project settings the token-bound client needs. */
export interface SupabaseSetup {
  readonly provider: SessionProvider;
  readonly project: { readonly url: string; readonly key: string };
}

/** Validates the Supabase options (throwing `ERR_CONFIG_*`) and wires the provider: GoTrue client, cookie codec, JWT verifier. */
export function supabaseFromOptions(options: SupabaseLockstepOptions, env: ProviderEnvironment, cookies: ResolvedCookieOptions): SupabaseSetup {
  const supabaseUrl = parseSupabaseUrl(options.supabaseUrl);
  assertProjectUrl(supabaseUrl);
  const supabaseKey = requireString(options.supabaseKey, 'supabaseKey');
  assertPublishableKey(supabaseKey);
  assertCookieSettings(options.cookies?.name, options.cookies?.encoding);
  assertJwtSecret(options.jwt?.secret);
  const storageKey = prefixStorageKey(options.cookies?.name ?? supabaseStorageKey(supabaseUrl), cookies);
  const authUrl = new URL('auth/v1', supabaseUrl.href.endsWith('/') ? supabaseUrl : `${supabaseUrl.href}/`).href;
  const verifier = createClaimsVerifier({
    jwksUrl: new URL(`${authUrl}/.well-known/jwks.json`),
    issuer: options.jwt?.issuer ?? authUrl,
    audience: options.jwt?.audience ?? DEFAULTS.audience,
    ...(options.jwt?.secret === undefined ? {} : { hs256Secret: options.jwt.secret }),
    fetch: env.fetch,
    timeoutMs: env.timeoutMs,
    cacheMaxEntries: verifiedTokenCacheSize(options.jwt?.cacheSize),
    ...(env.sha256 === undefined ? {} : { sha256: env.sha256 }),
  });
  const provider = createSupabaseProvider({
    gotrue: { authUrl, apiKey: supabaseKey, fetch: env.fetch, timeoutMs: env.timeoutMs },
    serverChecks: createServerCheckGate({
      ...DEFAULT_SERVER_CHECK_BUDGET,
      perMinute: boundedNumber(options.jwt?.serverChecksPerMinute, DEFAULT_SERVER_CHECK_BUDGET.perMinute, 'jwt.serverChecksPerMinute', 0, 1_000_000),
    }),
    storageKey,
    encoding: options.cookies?.encoding ?? DEFAULTS.encoding,
    verifier,
  });
  return { provider, project: { url: supabaseUrl.href.replace(/\/$/, ''), key: supabaseKey } };
}

/** `jwt.cacheSize`: a whole number of entries; the verifier's own default when absent. */
function verifiedTokenCacheSize(value: unknown): number {
  const size = boundedNumber(value, DEFAULT_VERIFIED_TOKEN_CACHE_SIZE, 'jwt.cacheSize', 1, 1_000_000);
  if (!Number.isInteger(size)) throw new LockstepError('ERR_CONFIG_INVALID', 'jwt.cacheSize must be a whole number.');
  return size;
}
