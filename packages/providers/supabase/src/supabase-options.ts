// The Supabase settings: the project, the cookie name and encoding @supabase/ssr uses, and how tokens are verified.
import type { CookieOptions, LockstepBaseOptions } from '@lockstep/core';
import type { SessionCookieEncoding } from './session-cookie.js';

/** What the Supabase provider needs: only the project URL and key are required. */
export interface SupabaseSettings {
  /** The Supabase project URL, e.g. `https://<ref>.supabase.co`. */
  supabaseUrl: string;
  /** The project's anon (publishable) key. Never the service-role key. */
  supabaseKey: string;
  /** The storage key and encoding of the session cookie, as the browser client is configured. */
  cookies?: SupabaseCookieSettings;
  /** How access tokens are verified in `claims` mode. */
  jwt?: SupabaseJwtSettings;
}

/** The session cookie as @supabase/ssr writes it. */
export interface SupabaseCookieSettings {
  /** The storage key, if the browser client sets `cookieOptions.name`. @default `sb-<ref>-auth-token` */
  name?: string;
  /** @default 'base64url' (as @supabase/ssr) */
  encoding?: SessionCookieEncoding;
}

/** Verification of access tokens in `claims` mode. */
export interface SupabaseJwtSettings {
  /** The legacy HS256 JWT secret, for projects without asymmetric keys. Without it such tokens are checked with `GET /user`. */
  secret?: string;
  /** @default `${supabaseUrl}/auth/v1` */
  issuer?: string;
  /** @default 'authenticated' */
  audience?: string | readonly string[];
  /**
   * Tokens no local key can verify (HS256 without `secret`, an unknown `kid`) are checked with
   * `GET /user`: at most this many such calls per minute per instance, so forged tokens cannot
   * drive the app's calls to the auth server. Over it such a request is anonymous (cookies kept,
   * a `verify.over_budget` event). Answers are remembered by token hash. @default 120
   */
  serverChecksPerMinute?: number;
  /**
   * Most verified access tokens remembered (by SHA-256, until their `exp`), so a repeat request
   * costs one hash and a lookup instead of a signature check. Each entry holds one token's
   * claims; past the bound the least recently used is dropped and re-verified when it returns.
   * The same bound applies to the verified-session cache below. An integer from 1 to 1,000,000. @default 10000
   */
  cacheSize?: number;
  /**
   * Most characters of session cookie values whose verified session is remembered, keyed by the
   * SHA-256 of the value, so a repeat of the same cookie skips decoding it (about 2,400 characters
   * for a one-chunk cookie, 3,180 more per chunk). Entries leave at the token's `exp`; each hit's
   * check is still timed and revocation-checked. `0` turns this cache off. An integer from 0 to
   * 1,073,741,824. @default 16777216 (16 MiB) where the runtime has a native SHA-256 (Node, Bun,
   * Deno, or an injected `sha256` effect); 0 on the Edge runtime, where hashing a whole cookie in
   * JavaScript costs more than decoding it
   */
  sessionCacheBytes?: number;
}

/**
 * Lockstep on Supabase Auth in one object, the shape the adapters' one-line setup takes:
 * `lockstep({ supabaseUrl, supabaseKey, routes })`. `cookies` holds both the attributes (engine)
 * and the storage key and encoding (provider).
 */
export interface SupabaseLockstepOptions extends Omit<LockstepBaseOptions, 'cookies'> {
  supabaseUrl: string;
  supabaseKey: string;
  cookies?: CookieOptions & SupabaseCookieSettings;
  jwt?: SupabaseJwtSettings;
  provider?: never;
}
