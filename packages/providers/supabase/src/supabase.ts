// `supabase()`: the Supabase provider from its settings, validated at boot (`ERR_CONFIG_*`).
import { LockstepError, type ProviderEnvironment, type ProviderFactory } from '@lockstep/core';
import { prefixStorageKey } from '@lockstep/core/cookies';
import { boundedNumber, hashTokenSync, refuseUnknownKeys, requireString } from '@lockstep/core/provider';
import { createClaimsVerifier, createServerCheckGate, DEFAULT_SERVER_CHECK_BUDGET, DEFAULT_VERIFIED_TOKEN_CACHE_SIZE } from '@lockstep/core/verify';
import type { SupabaseSettings } from './supabase-options.js';
import { assertCookieSettings, assertJwtSecret, assertProjectUrl, assertPublishableKey } from './supabase-key-checks.js';
import { supabaseStorageKey } from './storage-key.js';
import { createSupabaseProvider, type SupabaseProvider } from './supabase-provider.js';

const SETTINGS_KEYS = ['supabaseUrl', 'supabaseKey', 'cookies', 'jwt'] as const;
const COOKIE_KEYS = ['name', 'encoding'] as const;
const JWT_KEYS = ['secret', 'issuer', 'audience', 'serverChecksPerMinute', 'cacheSize', 'sessionCacheBytes'] as const;
/** Default bound of the verified-session cache where the runtime hashes natively: a few thousand one-chunk sessions. */
const DEFAULT_SESSION_CACHE_BYTES = 16 * 1024 * 1024;
const DEFAULT_AUDIENCE = 'authenticated';

/**
 * The Supabase Auth provider. The settings are checked here, when the app starts (a service-role
 * key, a URL with a path, a short JWT secret, an unknown key are refused); the provider itself is
 * built by `createLockstep` with the instance's `fetch`, timeout and cookie settings.
 *
 * @example
 * import { createLockstep } from '@lockstep/core';
 * import { supabase } from '@lockstep/supabase';
 *
 * const lockstep = createLockstep({
 *   provider: supabase({ supabaseUrl: 'https://abcdefghijklmnop.supabase.co', supabaseKey: 'sb_publishable_…' }),
 *   routes: [{ match: '/', access: 'public' }],
 * });
 */
export function supabase(settings: SupabaseSettings): ProviderFactory<SupabaseProvider> {
  if (typeof settings !== 'object' || settings === null) throw new LockstepError('ERR_CONFIG_INVALID', 'supabase() needs { supabaseUrl, supabaseKey }.');
  refuseUnknownKeys(settings as unknown as Record<string, unknown>, SETTINGS_KEYS, 'Supabase setting');
  if (typeof settings.cookies === 'object' && settings.cookies !== null) refuseUnknownKeys(settings.cookies as Record<string, unknown>, COOKIE_KEYS, 'Supabase cookie setting');
  if (typeof settings.jwt === 'object' && settings.jwt !== null) refuseUnknownKeys(settings.jwt as Record<string, unknown>, JWT_KEYS, 'jwt option');
  const supabaseUrl = parseSupabaseUrl(settings.supabaseUrl);
  assertProjectUrl(supabaseUrl);
  const supabaseKey = requireString(settings.supabaseKey, 'supabaseKey');
  assertPublishableKey(supabaseKey);
  assertCookieSettings(settings.cookies?.name, settings.cookies?.encoding);
  assertJwtSecret(settings.jwt?.secret);
  const perMinute = boundedNumber(settings.jwt?.serverChecksPerMinute, DEFAULT_SERVER_CHECK_BUDGET.perMinute, 'jwt.serverChecksPerMinute', 0, 1_000_000);
  const cacheSize = verifiedTokenCacheSize(settings.jwt?.cacheSize);
  const sessionCacheBytes = settings.jwt?.sessionCacheBytes === undefined ? undefined : boundedNumber(settings.jwt.sessionCacheBytes, 0, 'jwt.sessionCacheBytes', 0, 1024 * 1024 * 1024);
  if (sessionCacheBytes !== undefined && !Number.isInteger(sessionCacheBytes)) throw new LockstepError('ERR_CONFIG_INVALID', 'jwt.sessionCacheBytes must be a whole number.');
  const authUrl = new URL('auth/v1', supabaseUrl.href.endsWith('/') ? supabaseUrl : `${supabaseUrl.href}/`).href;
  const cookieName = settings.cookies?.name ?? supabaseStorageKey(supabaseUrl);
  const encoding = settings.cookies?.encoding ?? 'base64url';
  const { secret, issuer, audience } = settings.jwt ?? {};

  return (env: ProviderEnvironment) =>
    createSupabaseProvider({
      gotrue: { authUrl, apiKey: supabaseKey, fetch: env.fetch, timeoutMs: env.timeoutMs },
      serverChecks: createServerCheckGate({ ...DEFAULT_SERVER_CHECK_BUDGET, perMinute }),
      storageKey: prefixStorageKey(cookieName, env.cookies),
      encoding,
      verifier: createClaimsVerifier({
        jwksUrl: new URL(`${authUrl}/.well-known/jwks.json`),
        issuer: issuer ?? authUrl,
        audience: audience ?? DEFAULT_AUDIENCE,
        ...(secret === undefined ? {} : { hs256Secret: secret }),
        fetch: env.fetch,
        timeoutMs: env.timeoutMs,
        cacheMaxEntries: cacheSize,
        ...(env.sha256 === undefined ? {} : { sha256: env.sha256 }),
        ...(env.hashToken === undefined ? {} : { hashToken: env.hashToken }),
      }),
      // Keyed on a hash of the whole cookie: on by default only where that hash is native.
      sessionCache: { maxEntries: cacheSize, maxBytes: sessionCacheBytes ?? (env.nativeHash === true ? DEFAULT_SESSION_CACHE_BYTES : 0), hashToken: env.hashToken ?? hashTokenSync },
      project: { url: supabaseUrl.href.replace(/\/$/, ''), key: supabaseKey },
    });
}

/** Parses the project URL: http(s), no credentials, query or fragment. */
function parseSupabaseUrl(value: unknown): URL {
  const text = requireString(value, 'supabaseUrl');
  let url: URL;
  try {
    url = new URL(text);
  } catch (cause) {
    throw new LockstepError('ERR_CONFIG_URL', 'supabaseUrl must be an absolute http(s) URL.', { cause });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new LockstepError('ERR_CONFIG_URL', 'supabaseUrl must be an http(s) URL without credentials, query or fragment.');
  }
  return url;
}

/** `jwt.cacheSize`: a whole number of entries; the verifier's own default when absent. */
function verifiedTokenCacheSize(value: unknown): number {
  const size = boundedNumber(value, DEFAULT_VERIFIED_TOKEN_CACHE_SIZE, 'jwt.cacheSize', 1, 1_000_000);
  if (!Number.isInteger(size)) throw new LockstepError('ERR_CONFIG_INVALID', 'jwt.cacheSize must be a whole number.');
  return size;
}
