// Turns a token into a cache key, so no cache, store or event ever holds the token itself (DESIGN §3.4).
import { sha256 } from '@noble/hashes/sha2.js';

const encoder = new TextEncoder();
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * SHA-256 of the token's UTF-8 bytes, base64url without padding (43 characters), computed
 * synchronously. The per-request hot path hashes every token it looks up: an awaited WebCrypto
 * digest is a thread-pool round trip (tens of µs), this is a few µs of plain JavaScript and runs on
 * every runtime (Edge included). `@noble/hashes` is audited, dependency-free and pure JS; a test
 * pins its output to WebCrypto's on generated inputs.
 *
 * @example
 * const key = hashTokenSync(accessToken); // safe to log or store
 */
export function hashTokenSync(token: string): string {
  return toBase64Url(sha256(encoder.encode(token)));
}

/**
 * `hashTokenSync` for callers that already await (stores, the refresh coordinator): same key.
 *
 * @example
 * const key = await hashToken(refreshToken); // 43 characters, safe to log or store
 */
export function hashToken(token: string): Promise<string> {
  try {
    return Promise.resolve(hashTokenSync(token));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error('hashToken failed'));
  }
}

/** Unpadded base64url of a 32-byte digest: a table walk, no `btoa` or regex passes. */
function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET.charAt(n >>> 18) + ALPHABET.charAt((n >>> 12) & 63) + ALPHABET.charAt((n >>> 6) & 63) + ALPHABET.charAt(n & 63);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    out += ALPHABET.charAt(n >>> 18) + ALPHABET.charAt((n >>> 12) & 63);
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += ALPHABET.charAt(n >>> 18) + ALPHABET.charAt((n >>> 12) & 63) + ALPHABET.charAt((n >>> 6) & 63);
  }
  return out;
}
