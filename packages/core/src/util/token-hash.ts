// Turns a token into a cache key, so no cache, store or event ever holds the token itself (DESIGN §3.4).
import { sha256 } from '@noble/hashes/sha2.js';
import { LockstepError } from '../errors.js';

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

/** A synchronous SHA-256 of bytes (32 bytes out): the runtime's native one, when it has one. */
export type Sha256 = (bytes: Uint8Array) => Uint8Array;

// Known answers (FIPS 180-2 and a multi-block input) a supplied SHA-256 must reproduce at boot.
const KNOWN_ANSWERS: readonly (readonly [string, string])[] = [
  ['', '47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU'],
  ['abc', 'ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0'],
  ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', 'JI1qYdIGOLjlwCaTDD5gOaM85Flk_yFn9uzt1BnbBsE'],
];

/**
 * The token hasher of one instance: `hashTokenSync`, or the same key computed by an injected
 * SHA-256 (Node's `crypto.createHash` is several times faster on large tokens). The injected one
 * is checked against known answers first: a wrong hash would make different tokens share a cache
 * entry, so it throws `LockstepError('ERR_CONFIG_INVALID')` instead of being used.
 *
 * @example
 * const hash = createTokenHasher((bytes) => createHash('sha256').update(bytes).digest());
 * hash(accessToken); // same 43 characters as hashTokenSync(accessToken)
 */
export function createTokenHasher(digest?: Sha256): TokenHasher {
  if (digest === undefined) return hashTokenSync;
  if (typeof digest !== 'function') throw new LockstepError('ERR_CONFIG_INVALID', 'The sha256 effect must be a function.');
  const hash = (token: string): string => {
    const out = digest(encoder.encode(token));
    if (!(out instanceof Uint8Array) || out.length !== 32) throw new LockstepError('ERR_INTERNAL', 'The sha256 effect must return 32 bytes.');
    return toBase64Url(out);
  };
  return checkedTokenHasher(hash, 'The sha256 effect');
}

/** A token hash: SHA-256 of the text's UTF-8 bytes as unpadded base64url (43 characters), safe to keep or log. */
export type TokenHasher = (text: string) => string;

// Inputs where a hasher of text may part from `hashTokenSync`: multi-byte UTF-8 and a lone surrogate (U+FFFD).
const ENCODING_PROBES = ['caf\u00e9 \u{1F600}', 'x\uD800y', '\uDC00'];

/**
 * `hash` when it computes `hashTokenSync`'s key: the known answers, then the encoding probes
 * against the pure-JS reference. Otherwise throws `LockstepError('ERR_CONFIG_INVALID')`: a wrong
 * hash would make different tokens share a cache entry.
 *
 * @example
 * const hashToken = checkedTokenHasher((text) => hash('sha256', text, 'base64url'), 'node:crypto');
 */
export function checkedTokenHasher(hash: TokenHasher, name: string): TokenHasher {
  const cases: (readonly [string, string])[] = [...KNOWN_ANSWERS, ...ENCODING_PROBES.map((input) => [input, hashTokenSync(input)] as const)];
  for (const [input, expected] of cases) {
    let actual: string;
    try {
      actual = hash(input);
    } catch (cause) {
      throw new LockstepError('ERR_CONFIG_INVALID', `${name} failed its self-test.`, { cause });
    }
    if (actual !== expected) throw new LockstepError('ERR_CONFIG_INVALID', `${name} does not compute SHA-256.`);
  }
  return hash;
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
