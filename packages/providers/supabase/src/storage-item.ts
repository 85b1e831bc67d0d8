// Reads and clears auth-js storage items other than the session (the PKCE code verifier) in @supabase/ssr's cookie format.
import { combineChunks, isChunkLike } from '@supabase/ssr';
import { fromBase64Url } from './base64url.js';
import type { CookieAttributes, CookieWrite } from '@lockstep/core/cookies';
import type { RequestCookie } from '@lockstep/core/cookies';
import { BASE64_PREFIX } from './session-cookie.js';

/** auth-js keeps the PKCE verifier of the newest flow under this suffix of the storage key. */
export const CODE_VERIFIER_SUFFIX = '-code-verifier';

/**
 * The string auth-js stored under `key` (it stores `JSON.stringify(value)`), or `null` when the
 * cookie is absent or unreadable. Never throws.
 *
 * @example
 * const stored = await readStorageString(cookies, `${storageKey}-code-verifier`); // 'verifier/PKCE'
 */
export async function readStorageString(cookies: readonly RequestCookie[], key: string): Promise<string | null> {
  const byName = new Map(cookies.map(({ name, value }) => [name, value]));
  try {
    const raw = await combineChunks(key, (name) => byName.get(name) ?? null);
    if (raw === null || raw === '') return null;
    const json = raw.startsWith(BASE64_PREFIX) ? fromBase64Url(raw.slice(BASE64_PREFIX.length)) : raw;
    const value: unknown = JSON.parse(json);
    return typeof value === 'string' ? value : null;
  } catch {
    // Unreadable verifier cookies mean the flow cannot be completed: the caller treats it as missing.
    return null;
  }
}

/**
 * Deletions for every PKCE verifier cookie in the request (the legacy key, per-flow slots and the
 * flow index, each possibly chunked), so a finished or abandoned flow leaves nothing behind.
 */
export function clearCodeVerifiers(cookies: readonly RequestCookie[], storageKey: string, attributes: CookieAttributes): CookieWrite[] {
  const deletion: CookieAttributes = { ...attributes, maxAge: 0 };
  return cookies
    .filter(({ name }) => name.startsWith(`${storageKey}-`) && isVerifierName(name))
    .map(({ name }) => ({ name, value: '', attributes: deletion }));
}

function isVerifierName(name: string): boolean {
  if (name.endsWith(CODE_VERIFIER_SUFFIX)) return true;
  const base = name.replace(/\.\d+$/, '');
  return base !== name && base.endsWith(CODE_VERIFIER_SUFFIX) && isChunkLike(name, base);
}
