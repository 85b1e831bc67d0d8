// One logical cookie value stored as `<name>` or, when long, as `<name>.0`, `<name>.1`, …; read back and planned as writes.
import type { CookieAttributes, CookieWrite, RequestCookie } from '@lockstep/core/cookies';

/** Longest value of one cookie (as @supabase/ssr: room for name and attributes under 4096 bytes). */
export const CHUNK_SIZE = 3180;
/** More chunks than this is not a session but junk (≈ 25 KB). */
export const MAX_CHUNKS = 8;

/** The joined value, nothing, or why it cannot be read. */
export type ChunkedRead = { readonly kind: 'none' } | { readonly kind: 'value'; readonly value: string } | { readonly kind: 'malformed'; readonly reason: 'missing_chunk' | 'too_large' };

/** Splits a value into the cookies that hold it. */
export function toChunks(name: string, value: string): RequestCookie[] {
  if (value.length <= CHUNK_SIZE) return [{ name, value }];
  const chunks: RequestCookie[] = [];
  for (let index = 0; index * CHUNK_SIZE < value.length; index++) chunks.push({ name: `${name}.${index}`, value: value.slice(index * CHUNK_SIZE, (index + 1) * CHUNK_SIZE) });
  return chunks;
}

/** Joins the value back (the whole cookie wins over chunks; the first of duplicate names counts). Never throws. */
export function readChunks(cookies: readonly RequestCookie[], name: string): ChunkedRead {
  const values = firstValues(cookies);
  const whole = values.get(name);
  if (whole !== undefined) return whole.length > CHUNK_SIZE * MAX_CHUNKS ? { kind: 'malformed', reason: 'too_large' } : { kind: 'value', value: whole };
  const count = [...values.keys()].filter((cookieName) => chunkIndex(cookieName, name) !== null).length;
  if (count === 0) return { kind: 'none' };
  if (count > MAX_CHUNKS) return { kind: 'malformed', reason: 'too_large' };
  const parts: string[] = [];
  for (let index = 0; index < count; index++) {
    const part = values.get(`${name}.${index}`);
    if (part === undefined) return { kind: 'malformed', reason: 'missing_chunk' };
    parts.push(part);
  }
  return { kind: 'value', value: parts.join('') };
}

/**
 * The writes that make the browser hold `value` (or nothing, for `null`): changed cookies only;
 * stale chunks deleted (and a whole cookie replaced by chunks, or the reverse); nothing deleted
 * that the request does not carry. With a `domain`, each deletion is preceded by a host-only one.
 */
export function planChunkedWrite(cookies: readonly RequestCookie[], name: string, value: string | null, attributes: CookieAttributes): CookieWrite[] {
  const current = firstValues(cookies);
  const desired = value === null ? [] : toChunks(name, value);
  const desiredNames = new Set(desired.map((cookie) => cookie.name));
  const stale = [...current.keys()].filter((cookieName) => (cookieName === name || chunkIndex(cookieName, name) !== null) && !desiredNames.has(cookieName));
  const writes: CookieWrite[] = [];
  for (const cookieName of stale) writes.push(...deletions(cookieName, attributes));
  for (const cookie of desired) if (current.get(cookie.name) !== cookie.value) writes.push({ ...cookie, attributes });
  return writes;
}

/** Deletes one cookie: at the configured scope and, when that has a domain, host-only too. */
export function deletions(name: string, attributes: CookieAttributes): CookieWrite[] {
  const deletion: CookieAttributes = { ...attributes, maxAge: 0 };
  const { domain: _domain, ...hostOnly } = deletion;
  return attributes.domain === undefined ? [{ name, value: '', attributes: deletion }] : [{ name, value: '', attributes: hostOnly }, { name, value: '', attributes: deletion }];
}

function firstValues(cookies: readonly RequestCookie[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const cookie of cookies) if (!values.has(cookie.name)) values.set(cookie.name, cookie.value);
  return values;
}

function chunkIndex(cookieName: string, name: string): number | null {
  if (!cookieName.startsWith(`${name}.`)) return null;
  const suffix = cookieName.slice(name.length + 1);
  return /^(0|[1-9][0-9]{0,2})$/.test(suffix) ? Number(suffix) : null;
}
