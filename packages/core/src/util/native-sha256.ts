// The runtime's own synchronous SHA-256, when it has one: the default hash effect on Node, Bun and Deno.
import type { Sha256 } from './token-hash.js';

type BuiltinLookup = (id: string) => unknown;

interface NodeCrypto {
  createHash?: unknown;
  hash?: unknown;
}

/** `process.getBuiltinModule` (Node 22.3+, Bun, Deno): reaches `node:crypto` without importing it, so Edge bundles never see a `node:` import. */
function runtimeLookup(): BuiltinLookup | null {
  const lookup = (globalThis as { process?: { getBuiltinModule?: unknown } }).process?.getBuiltinModule;
  return typeof lookup === 'function' ? (lookup as BuiltinLookup) : null;
}

function nodeCrypto(lookup: BuiltinLookup | null): NodeCrypto | undefined {
  if (lookup === null) return undefined;
  try {
    return lookup('node:crypto') as NodeCrypto | undefined;
  } catch {
    return undefined;
  }
}

/**
 * `node:crypto`'s `createHash('sha256')` as a `Sha256`, or `undefined` where the runtime has none
 * (Edge, Workers without Node compatibility, browsers): the caller then keeps the built-in pure-JS
 * hash. Several times faster on multi-kilobyte sessions. The caller self-tests it before use.
 *
 * @example
 * const sha256 = effects.sha256 ?? nativeSha256();
 */
export function nativeSha256(lookup: BuiltinLookup | null = runtimeLookup()): Sha256 | undefined {
  const createHash = nodeCrypto(lookup)?.createHash;
  if (typeof createHash !== 'function') return undefined;
  const hasher = createHash as (algorithm: string) => { update(bytes: Uint8Array): { digest(): Uint8Array } };
  return (bytes) => hasher('sha256').update(bytes).digest();
}

/**
 * The runtime's SHA-256 of a string's UTF-8 bytes, as unpadded base64url, in one native call:
 * `crypto.hash` (Node 21.7+), else `createHash` fed the string. It skips the `TextEncoder` copy and
 * the hash object a `Sha256` needs, which is most of the cost on a 2–3 KB session cookie. Returns
 * `undefined` where there is no `node:crypto`; the caller checks it against `hashTokenSync` before use.
 *
 * @example
 * const hashToken = nativeTokenHash() ?? hashTokenSync;
 */
export function nativeTokenHash(lookup: BuiltinLookup | null = runtimeLookup()): ((text: string) => string) | undefined {
  const crypto = nodeCrypto(lookup);
  if (typeof crypto?.hash === 'function') {
    const oneShot = crypto.hash as (algorithm: string, data: string, encoding: string) => string;
    return (text) => oneShot('sha256', text, 'base64url');
  }
  if (typeof crypto?.createHash === 'function') {
    const createHash = crypto.createHash as (algorithm: string) => { update(text: string, encoding: string): { digest(encoding: string): string } };
    return (text) => createHash('sha256').update(text, 'utf8').digest('base64url');
  }
  return undefined;
}
