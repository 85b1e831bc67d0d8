// Random identifiers and timestamp formatting shared by the mock's records.

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** A new random UUID (v4). */
export function newUuid(): string {
  return crypto.randomUUID();
}

/** A legacy refresh token: 12 characters of lowercase base32 (spec §3.1). */
export function newLegacyRefreshToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let out = '';
  for (const byte of bytes) out += BASE32[byte % 32];
  return out;
}

/** A six-digit one-time code. */
export function newOtp(): string {
  const [value = 0] = crypto.getRandomValues(new Uint32Array(1));
  return String(value % 1_000_000).padStart(6, '0');
}

/** A random URL-safe secret of `bytes` random bytes. */
export function newSecret(bytes = 32): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('base64url');
}

/** RFC 3339 UTC with microseconds, as GoTrue serializes timestamps (spec §1.5). */
export function toTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Unix seconds for an epoch-milliseconds value. */
export function toUnixSeconds(epochMs: number): number {
  return Math.floor(epochMs / 1000);
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID in canonical text form. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_RE.test(value);
}
